// Package ner finds entity mentions in a sentence's tokens.
//
// Gazetteer names are matched longest first over normalized tokens: the
// first token of a name may carry proclitics (بدرعا, والصنمين, للنظام,
// وبجاسم) and matches with or without the article exactly as the name is
// written; quotation marks and brackets between the tokens of a name are
// skipped (فرع “أمن الدولة”). Enclitic pronouns are not peeled for names:
// a nisba adjective such as العراقي would otherwise read as العراق + ي.
package ner

import (
	"unicode/utf8"

	"github.com/khabar-ie/khabar/internal/clitic"
	"github.com/khabar-ie/khabar/internal/lexicon"
	"github.com/khabar-ie/khabar/internal/segment"
)

// Mention is a span of a sentence that names a gazetteer entry.
type Mention struct {
	// FirstToken and LastToken index the sentence's tokens (inclusive).
	FirstToken, LastToken int
	// Start and End are normalized byte offsets of the name itself (the
	// first token's proclitics excluded, the article kept).
	Start, End int32
	// RuneStart and RuneEnd are the same span in normalized code points.
	RuneStart, RuneEnd int32
	// Matches are the entries whose names match; Best indexes the one
	// chosen.
	Matches []lexicon.Match
	Best    int
	// Prefix is the proclitic text peeled off the first token ("ب", "و").
	Prefix string
}

// Tagger matches a lexicon. It is immutable and safe for concurrent use;
// per-call buffers live in a Scratch.
type Tagger struct {
	lex *lexicon.Lexicon
	an  *clitic.Analyzer
}

// New returns a tagger over lex using an for clitic readings.
func New(lex *lexicon.Lexicon, an *clitic.Analyzer) *Tagger {
	return &Tagger{lex: lex, an: an}
}

// Lexicon returns the tagger's lexicon.
func (t *Tagger) Lexicon() *lexicon.Lexicon { return t.lex }

// Analyzer returns the tagger's clitic analyzer.
func (t *Tagger) Analyzer() *clitic.Analyzer { return t.an }

// Scratch holds reusable buffers for one goroutine.
type Scratch struct {
	Readings []clitic.Reading // clitic readings of the current token
	key      []byte
}

// Tag appends the mentions found in the tokens of one sentence to dst, in
// text order and without overlaps. text is the normalized buffer the
// tokens index.
func (t *Tagger) Tag(dst []Mention, s *Scratch, text []byte, toks []segment.Token) []Mention {
	known := t.lex.IsBareName
	for i := 0; i < len(toks); {
		tok := toks[i]
		if tok.Kind == segment.Punct {
			i++
			continue
		}
		word := text[tok.Start:tok.End]
		if !t.lex.MayStartName(word) {
			i++
			continue
		}
		s.Readings = s.Readings[:0]
		if tok.Kind == segment.Word {
			s.Readings = t.an.Proclitics(s.Readings, word, known)
		} else {
			s.Readings = append(s.Readings, clitic.Reading{})
		}
		var (
			best       Mention
			bestTokens = 0
		)
		for _, r := range s.Readings {
			s.key = t.an.AppendKey(s.key[:0], word, r)
			id, ok := t.lex.Token(s.key)
			if !ok {
				continue
			}
			node, ok := t.lex.Step(lexicon.Root, id)
			if !ok {
				continue
			}
			last, matches := -1, []lexicon.Match(nil)
			if ms := filterArticle(t.lex.Final(node), r.Article); len(ms) > 0 {
				last, matches = i, ms
			}
			for j := i + 1; j < len(toks); j++ {
				nt := toks[j]
				if nt.Kind == segment.Punct {
					if isQuote(text[nt.Start:nt.End]) {
						continue
					}
					break
				}
				id, ok := t.lex.Token(text[nt.Start:nt.End])
				if !ok {
					break
				}
				if node, ok = t.lex.Step(node, id); !ok {
					break
				}
				if ms := filterArticle(t.lex.Final(node), r.Article); len(ms) > 0 {
					last, matches = j, ms
				}
			}
			// Longest match wins; among equals, the reading with fewer
			// affixes (readings come in that order).
			if last >= 0 && last-i+1 > bestTokens {
				bestTokens = last - i + 1
				nameStart := int32(r.NameStart)
				best = Mention{
					FirstToken: i,
					LastToken:  last,
					Start:      tok.Start + nameStart,
					End:        toks[last].End,
					RuneStart:  tok.RuneStart + int32(utf8.RuneCount(word[:nameStart])),
					RuneEnd:    toks[last].RuneEnd,
					Matches:    matches,
					Best:       t.pick(matches),
					Prefix:     string(word[:nameStart]),
				}
			}
		}
		if bestTokens == 0 {
			i++
			continue
		}
		dst = append(dst, best)
		i = best.LastToken + 1
	}
	return dst
}

// pick chooses among entries sharing a name: the highest rank, then the
// first defined. (Context-based choice comes with the full gazetteer.)
func (t *Tagger) pick(ms []lexicon.Match) int {
	entries := t.lex.Entries()
	best := 0
	for i := 1; i < len(ms); i++ {
		if entries[ms[i].Entry].Rank > entries[ms[best].Entry].Rank {
			best = i
		}
	}
	return best
}

// filterArticle returns the matches whose article agrees with the reading.
// It returns ms itself when all agree, so the common case does not
// allocate.
func filterArticle(ms []lexicon.Match, article bool) []lexicon.Match {
	all := true
	for _, m := range ms {
		if m.Article != article {
			all = false
			break
		}
	}
	if all {
		return ms
	}
	var out []lexicon.Match
	for _, m := range ms {
		if m.Article == article {
			out = append(out, m)
		}
	}
	return out
}

// isQuote reports quotation marks and brackets that may sit inside a name.
func isQuote(p []byte) bool {
	switch string(p) {
	case "\"", "'", "“", "”", "«", "»", "‘", "’", "(", ")", "‹", "›", "„":
		return true
	}
	return false
}
