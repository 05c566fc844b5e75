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
	parents []int32 // per entry: index of its parent, or -1
	byID    map[string]int32
	vocab   map[string]int32 // token text → token id
	edges   map[uint64]int32 // node<<32 | token id → child node
	final   [][]Match        // per node: names that end there
	// articles says, per node one token below the root, how the names
	// through it write their first token: bit 1 without the article, bit
	// 2 with it (both for "article" entries). A reading of a text token
	// that disagrees cannot reach any of them: التي, read ال + تي, need not
	// walk the names that start with تي.
	articles []uint8
	bare     map[string]bool // first tokens of article-less names (never split by clitic analysis)
	nodes    int32
	// keys is a Bloom filter over the look-up keys of names' first
	// tokens. A text token can start a name only if one of its suffixes
	// after proclitic letters is such a key, so the tagger skips most
	// tokens after hashing them once, without clitic analysis.
	keys      bloom
	proclitic [128]bool // proclitic letters (Arabic letters are < U+0700)
	maxPrefix int       // most runes of proclitics
}

// bloom is a blocked Bloom filter: each key sets two bits of one 64-bit
// word, so a look-up reads one word of memory.
type bloom struct {
	words []uint64
	mask  uint64 // words-1
}

// newBloom sizes a filter at about 32 bits a key (false positives about
// 1%).
func newBloom(keys int) bloom {
	n := uint64(1 << 6)
	for n*64 < uint64(keys)*32 {
		n <<= 1
	}
	return bloom{words: make([]uint64, n), mask: n - 1}
}

// bits returns the word index and the two bits a hash selects.
func (b *bloom) bits(h uint64) (uint64, uint64) {
	return h & b.mask, 1<<((h>>40)&63) | 1<<((h>>52)&63)
}

func (b *bloom) add(h uint64) {
	i, bits := b.bits(h)
	b.words[i] |= bits
}

func (b *bloom) has(h uint64) bool {
	i, bits := b.bits(h)
	return b.words[i]&bits == bits
}

// FNV-1a over a word's bytes taken from the end: the hashes of all the
// word's suffixes come out of one backward pass.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func suffixHash(b []byte) uint64 {
	h := uint64(fnvOffset)
	for i := len(b) - 1; i >= 0; i-- {
		h = (h ^ uint64(b[i])) * fnvPrime
	}
	return mix(h)
}

// mix spreads the hash's bits so both probes are independent.
func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// MayStartName reports whether a text token could be the first token of a
// name under some proclitic reading. False positives are possible (about
// one unrelated word in fifty), false negatives are not.
func (l *Lexicon) MayStartName(word []byte) bool { return l.StartMask(word) != 0 }

// StartMask is MayStartName that also tells where: bit b is set when the
// part of word from byte b on may be a name's first-token key (b is 0 or
// the end of a run of proclitic letters). A reading whose key starts at a
// clear bit needs no look-up.
func (l *Lexicon) StartMask(word []byte) uint32 {
	m, _ := l.StartMasks(word, nil)
	return m
}

// KeyFilter is a Bloom filter over other look-up keys (a rule
// vocabulary's), probed with the same hashes as the names' in one pass
// over a word (see StartMasks).
type KeyFilter struct{ b bloom }

// NewKeyFilter returns a filter over keys.
func NewKeyFilter(keys []string) *KeyFilter {
	f := &KeyFilter{b: newBloom(len(keys))}
	for _, k := range keys {
		f.b.add(suffixHash([]byte(k)))
	}
	return f
}

// StartMasks returns StartMask for the names, and the same mask for the
// keys of extra (0 when extra is nil), hashing the word once.
func (l *Lexicon) StartMasks(word []byte, extra *KeyFilter) (names, other uint32) {
	var out [1]uint32
	names = l.StartMasksOf(word, []*KeyFilter{extra}, out[:])
	return names, out[0]
}

// StartMasksOf is StartMasks for several filters at once: out[i] gets the
// mask of extras[i] (a nil filter gives 0). The word is hashed once.
func (l *Lexicon) StartMasksOf(word []byte, extras []*KeyFilter, out []uint32) (names uint32) {
	for i := range out {
		out[i] = 0
	}
	// Where a key may start: the word's start and after each of its first
	// proclitic letters.
	var starts [8]int
	n := 0
	starts[n] = 0
	n++
	for i, runes := 0, 0; i+1 < len(word) && runes < l.maxPrefix && n < len(starts); runes++ {
		// Proclitic letters are two-byte Arabic letters (U+0600–U+067F):
		// decoded by hand, as this runs for every token.
		b0, b1 := word[i], word[i+1]
		if b0 != 0xD8 && b0 != 0xD9 || b1&0xC0 != 0x80 {
			break
		}
		r := rune(b0&0x1F)<<6 | rune(b1&0x3F)
		if r < 0x0600 || r >= 0x0600+128 || !l.proclitic[r-0x0600] {
			break
		}
		i += 2
		starts[n] = i
		n++
	}
	for n > 1 && starts[n-1] >= len(word) {
		n-- // a word made only of proclitic letters (آب → اب) keeps its whole
	}
	h := uint64(fnvOffset)
	k := n - 1
	for i := len(word) - 1; i >= 0 && k >= 0; i-- {
		h = (h ^ uint64(word[i])) * fnvPrime
		if i != starts[k] {
			continue
		}
		if s := starts[k]; s < 32 {
			m := mix(h)
			if l.keys.has(m) {
				names |= 1 << s
			}
			for x, f := range extras {
				if f != nil && f.b.has(m) {
					out[x] |= 1 << s
				}
			}
		}
		k--
	}
	return names
}

// Match is one name ending at a trie node.
type Match struct {
	Entry   int32 // index into Entries()
	Article bool  // the name's first token carries the article
	// AnyArticle lets the name match whether or not the text carries
	// the article (the entry's "article" match flag).
	AnyArticle bool
	Alias      int16 // 0 for the canonical name, i for Aliases[i-1]
}

// Name returns the name of e that m matched.
func (m Match) Name(e *Entry) string {
	if m.Alias == 0 {
		return e.Name
	}
	return e.Aliases[m.Alias-1]
}

// maxDepth bounds a parent chain; a longer one is taken for a cycle.
const maxDepth = 16

// Build compiles entries. Names are normalized with norm and split into
// tokens and articles the same way document text is. Duplicate ids, a
// parent that is not defined and a cycle of parents are errors naming the
// entry's source.
func Build(entries []Entry, norm *normalize.Normalizer, an *clitic.Analyzer) (*Lexicon, error) {
	l := &Lexicon{
		entries:  entries,
		byID:     make(map[string]int32, len(entries)),
		vocab:    make(map[string]int32),
		edges:    make(map[uint64]int32),
		final:    [][]Match{nil},
		articles: []uint8{0},
		bare:     make(map[string]bool),
		nodes:    1,
	}
	names := 0
	for _, e := range entries {
		names += 1 + len(e.Aliases)
	}
	l.keys = newBloom(names)
	letters, maxRunes := an.ProcliticLetters()
	for _, r := range letters {
		if r >= 0x0600 && r < 0x0600+128 {
			l.proclitic[r-0x0600] = true
		}
	}
	l.maxPrefix = maxRunes
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
			node, first, article, ok := l.insertName(text, toks, an)
			if !ok {
				return nil, fmt.Errorf("%s: name %q of %s has no letters or digits", e.Source, name, e.ID)
			}
			switch {
			case e.ArticleOptional:
				l.articles[first] |= articleWithout | articleWith
			case article:
				l.articles[first] |= articleWith
			default:
				l.articles[first] |= articleWithout
			}
			if k > 1<<15-1 {
				return nil, fmt.Errorf("%s: %s has more than %d aliases", e.Source, e.ID, 1<<15-1)
			}
			l.final[node] = appendUnique(l.final[node], Match{Entry: int32(i), Article: article, AnyArticle: e.ArticleOptional, Alias: int16(k)})
		}
	}
	if err := l.linkParents(); err != nil {
		return nil, err
	}
	return l, nil
}

// linkParents resolves every entry's parent id and rejects cycles.
func (l *Lexicon) linkParents() error {
	l.parents = make([]int32, len(l.entries))
	for i, e := range l.entries {
		l.parents[i] = -1
		if e.Parent == "" {
			continue
		}
		p, ok := l.byID[e.Parent]
		if !ok {
			return fmt.Errorf("%s: parent %s of %s is not defined", e.Source, e.Parent, e.ID)
		}
		l.parents[i] = p
	}
	for i := range l.entries {
		p, depth := l.parents[i], 0
		for ; p >= 0; p = l.parents[p] {
			if depth++; depth > maxDepth || p == int32(i) {
				e := &l.entries[i]
				return fmt.Errorf("%s: the parents of %s form a cycle (or a chain deeper than %d)", e.Source, e.ID, maxDepth)
			}
		}
	}
	return nil
}

// Parent returns the index of entry i's parent, or -1.
func (l *Lexicon) Parent(i int32) int32 { return l.parents[i] }

// Index returns the index of the entry with the given id.
func (l *Lexicon) Index(id string) (int32, bool) {
	i, ok := l.byID[id]
	return i, ok
}

// Bits of Lexicon.articles.
const (
	articleWithout uint8 = 1 << iota
	articleWith
)

// ArticleFits reports whether some name through node, one token below the
// root, writes its first token with the article (article true) or without.
func (l *Lexicon) ArticleFits(node int32, article bool) bool {
	if article {
		return l.articles[node]&articleWith != 0
	}
	return l.articles[node]&articleWithout != 0
}

// nameKeys calls fn with the look-up key of each word or number of a
// normalized, tokenized name, in order — the first without its article —
// until fn returns false; bare is set for a first token that is an Arabic
// word written without the article (لبنان). It reports whether the first
// word carried the article, and whether the name had any word or number
// at all. Quotation marks and other punctuation are not part of the keys.
func nameKeys(text []byte, toks []segment.Token, an *clitic.Analyzer, fn func(key []byte, first, bare bool) bool) (article, ok bool) {
	for _, t := range toks {
		if t.Kind == segment.Punct {
			continue
		}
		key := text[t.Start:t.End]
		first, bare := !ok, false
		if first && t.Kind == segment.Word {
			key, article = an.SplitArticle(key)
			bare = !article
		}
		ok = true
		if !fn(key, first, bare) {
			break
		}
	}
	return article, ok
}

// insertName adds the path of a tokenized name and returns its last node
// and its first (one token below the root).
func (l *Lexicon) insertName(text []byte, toks []segment.Token, an *clitic.Analyzer) (node, firstNode int32, article, ok bool) {
	article, ok = nameKeys(text, toks, an, func(word []byte, first, bare bool) bool {
		if bare {
			l.bare[string(word)] = true
		}
		if first {
			l.keys.add(suffixHash(word))
		}
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
			l.articles = append(l.articles, 0)
		}
		node = child
		if first {
			firstNode = node
		}
		return true
	})
	return node, firstNode, article, ok
}

// matches of one name are deduplicated: an alias equal to the name after
// normalization adds nothing.
func appendUnique(ms []Match, m Match) []Match {
	for _, x := range ms {
		if x.Entry == m.Entry && (x.Article == m.Article || m.AnyArticle) {
			return ms
		}
	}
	return append(ms, m)
}

// Find returns the names that match normalized text exactly, the article
// of its first token as written (with "article" entries either way).
func (l *Lexicon) Find(text []byte, an *clitic.Analyzer) []Match {
	toks, _ := segment.Tokenize(nil, text, 0, 0)
	node, found := Root, true
	article, ok := nameKeys(text, toks, an, func(key []byte, _, _ bool) bool {
		var id int32
		if id, found = l.Token(key); found {
			node, found = l.Step(node, id)
		}
		return found
	})
	if !ok || !found {
		return nil
	}
	var out []Match
	for _, m := range l.Final(node) {
		if m.Article == article || m.AnyArticle {
			out = append(out, m)
		}
	}
	return out
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
