package lexicon

import (
	"fmt"

	"github.com/khabar-ie/khabar/internal/clitic"
	"github.com/khabar-ie/khabar/internal/normalize"
	"github.com/khabar-ie/khabar/internal/segment"
)

// Lexicon is a set of entries compiled into a token trie: each name is a
// path of normalized tokens from the root. The first token of a name is
// keyed without its definite article (الصنمين → صنمين, article=true) so a
// clitic reading of a text token (بالصنمين, والصنمين, للصنمين) finds it;
// later tokens are keyed as written. Quotation marks inside names are not
// part of the key. A Lexicon is immutable and safe for concurrent use.
type Lexicon struct {
	entries []Entry
	byID    map[string]int32
	vocab   map[string]int32 // token text → token id
	edges   map[uint64]int32 // node<<32 | token id → child node
	final   [][]Match        // per node: names that end there
	bare    map[string]bool  // first tokens of article-less names (never split by clitic analysis)
	nodes   int32
}

// Match is one name ending at a trie node.
type Match struct {
	Entry   int32 // index into Entries()
	Article bool  // the name's first token carries the article
	Alias   int16 // 0 for the canonical name, i for Aliases[i-1]
}

// Build compiles entries. Names are normalized with norm and split into
// tokens and articles the same way document text is. Duplicate ids are an
// error naming both sources.
func Build(entries []Entry, norm *normalize.Normalizer, an *clitic.Analyzer) (*Lexicon, error) {
	l := &Lexicon{
		entries: entries,
		byID:    make(map[string]int32, len(entries)),
		vocab:   make(map[string]int32),
		edges:   make(map[uint64]int32),
		final:   [][]Match{nil},
		bare:    make(map[string]bool),
		nodes:   1,
	}
	var toks []segment.Token
	for i, e := range entries {
		if j, dup := l.byID[e.ID]; dup {
			return nil, fmt.Errorf("%s: id %s already defined at %s", e.Source, e.ID, entries[j].Source)
		}
		l.byID[e.ID] = int32(i)
		names := append([]string{e.Name}, e.Aliases...)
		for k, name := range names {
			text := norm.AppendString(nil, name)
			toks, _ = segment.Tokenize(toks[:0], text, 0, 0)
			node, article, ok := l.insertName(text, toks, an)
			if !ok {
				return nil, fmt.Errorf("%s: name %q of %s has no letters or digits", e.Source, name, e.ID)
			}
			l.final[node] = appendUnique(l.final[node], Match{Entry: int32(i), Article: article, Alias: int16(k)})
		}
	}
	return l, nil
}

// insertName adds the path of a tokenized name and returns its last node.
func (l *Lexicon) insertName(text []byte, toks []segment.Token, an *clitic.Analyzer) (node int32, article, ok bool) {
	first := true
	for _, t := range toks {
		if t.Kind == segment.Punct {
			continue
		}
		word := text[t.Start:t.End]
		if first && t.Kind == segment.Word {
			word, article = an.SplitArticle(word)
			if !article {
				l.bare[string(word)] = true
			}
		}
		first = false
		id, seen := l.vocab[string(word)]
		if !seen {
			id = int32(len(l.vocab))
			l.vocab[string(word)] = id
		}
		edge := uint64(node)<<32 | uint64(id)
		child, exists := l.edges[edge]
		if !exists {
			child = l.nodes
			l.nodes++
			l.edges[edge] = child
			l.final = append(l.final, nil)
		}
		node = child
		ok = true
	}
	return node, article, ok
}

// matches of one name are deduplicated: an alias equal to the name after
// normalization adds nothing.
func appendUnique(ms []Match, m Match) []Match {
	for _, x := range ms {
		if x.Entry == m.Entry && x.Article == m.Article {
			return ms
		}
	}
	return append(ms, m)
}

// Root is the trie's root node.
const Root int32 = 0

// Token returns the id of a token text, if any name uses it.
func (l *Lexicon) Token(text []byte) (int32, bool) {
	id, ok := l.vocab[string(text)]
	return id, ok
}

// Step follows the edge for token id from node.
func (l *Lexicon) Step(node, token int32) (int32, bool) {
	child, ok := l.edges[uint64(node)<<32|uint64(token)]
	return child, ok
}

// Final returns the names ending at node.
func (l *Lexicon) Final(node int32) []Match { return l.final[node] }

// IsBareName reports whether word is the first token of a name written
// without the article (لبنان, بغداد): such a token is never split into
// clitics.
func (l *Lexicon) IsBareName(word []byte) bool { return l.bare[string(word)] }

// Entries returns all entries; Match.Entry indexes it.
func (l *Lexicon) Entries() []Entry { return l.entries }

// Entry returns the entry with the given id.
func (l *Lexicon) Entry(id string) (*Entry, bool) {
	i, ok := l.byID[id]
	if !ok {
		return nil, false
	}
	return &l.entries[i], true
}

// Size returns the number of entries and of trie nodes.
func (l *Lexicon) Size() (entries, nodes int) { return len(l.entries), int(l.nodes) }
