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
	"bytes"
	"unicode/utf8"

	"github.com/khabar-ie/khabar/internal/clitic"
	"github.com/khabar-ie/khabar/internal/lexicon"
	"github.com/khabar-ie/khabar/internal/normalize"
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
	// Matches are the entries whose names match, in the order they are
	// defined; the resolver chooses among them.
	Matches []lexicon.Match
	// Prefix is the proclitic text peeled off the first token ("ب", "و").
	Prefix string
	// Cues is what the words around the name say about it.
	Cues Cues
}

// Cues are the local signs of what a name is, found in the tokens around
// it. The resolver weighs them as evidence.
type Cues struct {
	// Head is the head noun right before the name (مدينة جاسم), possibly
	// across one nisba adjective (العاصمة الأردنية عمان); nil if none.
	Head *Cue
	// InnerHead is the name's own first token when it is a head noun
	// (مخيم الهول, معبر نصيب): the name carries its own evidence.
	InnerHead *Cue
	// Place is a preposition or adverb of place (في، قرب), a noun usually
	// followed by a place (أهالي), or the preposition ب on the name.
	Place *Cue
	// Direction is a compass word before the name (شمالي درعا).
	Direction *Cue
	// Quoted is set when a quotation mark opens right before the name.
	Quoted bool
	// AfterMention is set when the previous mention of the sentence ends
	// right before this one, or before a comma that precedes it (X بY,
	// X وY, X، Y).
	AfterMention bool
	// Conj is set when the name carries the conjunction و or ف.
	Conj bool
	// InPrep is set when the name carries the preposition ب.
	InPrep bool
	// Attributive is set when a one-word name shaped like a nisba
	// adjective (السعودية، القامشلي) follows a definite word, or one shaped
	// like an indefinite feminine nisba (سورية) follows an indefinite
	// feminine noun, with nothing between: in "وزارة الداخلية السعودية"
	// and "لاجئة سورية" the name agrees with the noun as an adjective
	// ("Saudi", "Syrian") instead of naming the country.
	Attributive bool
	// Masculine is set when a definite masculine nisba adjective that is
	// not a compass word follows the name (ليفربول الإنكليزي، ريال مدريد
	// الإسباني): places are feminine in Arabic, so the name stands for
	// something else, usually a club.
	Masculine bool
}

// Tagger matches a lexicon. It is immutable and safe for concurrent use;
// per-call buffers live in a Scratch.
type Tagger struct {
	lex  *lexicon.Lexicon
	an   *clitic.Analyzer
	cues cueTable
}

// New returns a tagger over lex using an for clitic readings; norm
// normalizes the cue words as text is.
func New(lex *lexicon.Lexicon, an *clitic.Analyzer, norm *normalize.Normalizer) (*Tagger, error) {
	cues, err := loadCues(cueData, norm, an)
	if err != nil {
		return nil, err
	}
	return &Tagger{lex: lex, an: an, cues: cues}, nil
}

// Lexicon returns the tagger's lexicon.
func (t *Tagger) Lexicon() *lexicon.Lexicon { return t.lex }

// Analyzer returns the tagger's clitic analyzer.
func (t *Tagger) Analyzer() *clitic.Analyzer { return t.an }

// Scratch holds reusable buffers for one goroutine.
type Scratch struct {
	// Starts, when it holds one entry per token, is each token's
	// Lexicon.StartMask computed by the caller (in one pass with other
	// filters); Tag then does not compute it again.
	Starts   []uint32
	Readings []clitic.Reading // clitic readings of the current token
	key      []byte
	cueRead  []clitic.Reading
	cueKey   []byte
}

// Tag appends the mentions found in the tokens of one sentence to dst, in
// text order and without overlaps. text is the normalized buffer the
// tokens index.
func (t *Tagger) Tag(dst []Mention, s *Scratch, text []byte, toks []segment.Token) []Mention {
	known := t.lex.IsBareName
	prevLast := -2 // last token of the previous mention in this sentence
	for i := 0; i < len(toks); {
		tok := toks[i]
		if tok.Kind == segment.Punct {
			i++
			continue
		}
		word := text[tok.Start:tok.End]
		var starts uint32
		if len(s.Starts) == len(toks) {
			starts = s.Starts[i]
		} else {
			starts = t.lex.StartMask(word)
		}
		if starts == 0 {
			i++
			continue
		}
		s.Readings = s.Readings[:0]
		if tok.Kind == segment.Word && starts != 1 {
			s.Readings = t.an.Proclitics(s.Readings, word, known)
		} else {
			// Only the whole word may be a key: no clitic analysis.
			s.Readings = append(s.Readings, clitic.Reading{})
		}
		var (
			best       Mention
			bestTokens = 0
		)
		for _, r := range s.Readings {
			if starts&(1<<r.Prefix) == 0 {
				continue // the filter rules this key out
			}
			s.key = t.an.AppendKey(s.key[:0], word, r)
			id, ok := t.lex.Token(s.key)
			if !ok {
				continue
			}
			node, ok := t.lex.Step(lexicon.Root, id)
			if !ok || !t.lex.ArticleFits(node, r.Article) {
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
					Prefix:     string(word[:nameStart]),
				}
			}
		}
		if bestTokens == 0 {
			i++
			continue
		}
		closeQuote(&best, text, toks)
		t.cuesOf(&best, s, text, toks, prevLast)
		dst = append(dst, best)
		prevLast = best.LastToken
		i = best.LastToken + 1
	}
	return dst
}

// cuesOf fills m.Cues from the tokens before the name and its own
// proclitics. prevLast is the last token of the sentence's previous
// mention.
func (t *Tagger) cuesOf(m *Mention, s *Scratch, text []byte, toks []segment.Token, prevLast int) {
	c := &m.Cues
	for _, r := range m.Prefix {
		switch r {
		case 'و', 'ف':
			c.Conj = true
		case 'ب':
			c.InPrep = true
		}
	}
	first := toks[m.FirstToken]
	// The name's first token, without its proclitics.
	if m.LastToken > m.FirstToken {
		if cue := t.cueAt(s, text[first.Start+int32(len(m.Prefix)):first.End]); cue != nil && (cue.Kind == CueHead || cue.Kind == CueOrgHead) {
			c.InnerHead = cue
		}
	}
	t.agreement(m, s, text, toks)
	j := m.FirstToken - 1
	for ; j >= 0 && toks[j].Kind == segment.Punct; j-- {
		p := string(text[toks[j].Start:toks[j].End])
		if isOpeningQuote(p) {
			c.Quoted = true
			continue
		}
		if (p == "،" || p == ",") && j-1 == prevLast {
			c.AfterMention = true
		}
		break
	}
	if j == prevLast {
		c.AfterMention = true
	}
	if j < 0 || toks[j].Kind != segment.Word || j == prevLast {
		return
	}
	word := text[toks[j].Start:toks[j].End]
	cue := t.cueAt(s, word)
	if cue == nil && isNisba(word) && j > 0 && j-1 != prevLast && toks[j-1].Kind == segment.Word {
		// العاصمة الأردنية عمان: a head noun across one adjective.
		if h := t.cueAt(s, text[toks[j-1].Start:toks[j-1].End]); h != nil && (h.Kind == CueHead || h.Kind == CueOrgHead) {
			cue = h
		}
	}
	if cue == nil {
		return
	}
	switch cue.Kind {
	case CueHead, CueOrgHead:
		c.Head = cue
		if cue.Container {
			c.Direction = cue
		}
	case CuePrep, CueGenitive:
		c.Place = cue
	case CueDirection:
		c.Direction = cue
	}
}

// agreement sets the cues that come from adjective agreement around a
// name: Attributive and Masculine.
func (t *Tagger) agreement(m *Mention, s *Scratch, text []byte, toks []segment.Token) {
	c := &m.Cues
	if m.FirstToken == m.LastToken && m.Prefix == "" && m.FirstToken > 0 {
		name, prev := toks[m.FirstToken], toks[m.FirstToken-1]
		w, pw := text[name.Start:name.End], text[prev.Start:prev.End]
		if prev.Kind == segment.Word {
			_, article := t.an.SplitArticle(pw)
			switch {
			case article && isNisba(w):
				c.Attributive = true // وزارة الداخلية السعودية
			case !article && isFeminineNisba(w) && bytes.HasSuffix(pw, []byte("ه")):
				c.Attributive = true // لاجئة سورية: "a Syrian refugee"
			}
		}
	}
	if next := m.LastToken + 1; next < len(toks) && toks[next].Kind == segment.Word {
		w := text[toks[next].Start:toks[next].End]
		if isNisba(w) && !bytes.HasSuffix(w, []byte("يه")) {
			if cue := t.cueAt(s, w); cue == nil || cue.Kind != CueDirection {
				c.Masculine = true
			}
		}
	}
}

// cueAt returns the cue a word is, under any proclitic reading. A head
// noun counts only with the article as the cue is written (see
// Cue.Article).
func (t *Tagger) cueAt(s *Scratch, word []byte) *Cue {
	s.cueRead = t.an.Proclitics(s.cueRead[:0], word, nil)
	for _, r := range s.cueRead {
		s.cueKey = t.an.AppendKey(s.cueKey[:0], word, r)
		if c, ok := t.cues[string(s.cueKey)]; ok {
			if (c.Kind == CueHead || c.Kind == CueOrgHead) && r.Article != c.Article {
				continue
			}
			return c
		}
	}
	return nil
}

// CueAt returns the cue a normalized word is under any proclitic reading,
// using s for buffers; nil if none.
func (t *Tagger) CueAt(s *Scratch, word []byte) *Cue { return t.cueAt(s, word) }

// Cue returns the cue a normalized word is, if any (for tests and tools).
func (t *Tagger) Cue(word string) *Cue {
	var s Scratch
	return t.cueAt(&s, []byte(word))
}

// isNisba reports a word shaped like a definite nisba adjective
// (السورية، الأردني), which may stand between a head noun and its name.
func isNisba(w []byte) bool {
	const al, ya, yah = "ال", "ي", "يه"
	return bytes.HasPrefix(w, []byte(al)) && utf8.RuneCount(w) >= 5 &&
		(bytes.HasSuffix(w, []byte(ya)) || bytes.HasSuffix(w, []byte(yah)))
}

// isFeminineNisba reports an indefinite word shaped like a feminine nisba
// adjective (سورية، تركية), which may agree with a feminine noun before it.
func isFeminineNisba(w []byte) bool {
	return !bytes.HasPrefix(w, []byte("ال")) && utf8.RuneCount(w) >= 4 && bytes.HasSuffix(w, []byte("يه"))
}

// isOpeningQuote reports marks that open a quotation.
func isOpeningQuote(p string) bool {
	switch p {
	case "\"", "'", "“", "«", "‘", "‹", "„", "(":
		return true
	}
	return false
}

// filterArticle returns the matches whose article agrees with the reading.
// It returns ms itself when all agree, so the common case does not
// allocate.
func filterArticle(ms []lexicon.Match, article bool) []lexicon.Match {
	all := true
	for _, m := range ms {
		if m.Article != article && !m.AnyArticle {
			all = false
			break
		}
	}
	if all {
		return ms
	}
	var out []lexicon.Match
	for _, m := range ms {
		if m.Article == article || m.AnyArticle {
			out = append(out, m)
		}
	}
	return out
}

// closeQuote takes in the closing quotation mark of a name whose opening
// mark is inside it (فرع “أمن الدولة”), so the span is balanced.
func closeQuote(m *Mention, text []byte, toks []segment.Token) {
	open := 0
	for k := m.FirstToken + 1; k <= m.LastToken; k++ {
		if t := toks[k]; t.Kind == segment.Punct {
			switch p := string(text[t.Start:t.End]); {
			case isOpeningQuote(p) && p != "\"" && p != "'":
				open++
			case p == "\"" || p == "'":
				open = 1 - open
			default:
				open--
			}
		}
	}
	next := m.LastToken + 1
	if open <= 0 || next >= len(toks) || toks[next].Kind != segment.Punct || !isQuote(text[toks[next].Start:toks[next].End]) {
		return
	}
	m.LastToken, m.End, m.RuneEnd = next, toks[next].End, toks[next].RuneEnd
}

// isQuote reports quotation marks and brackets that may sit inside a name
// (فرع “أمن الدولة”، تنظيم (الدولة)).
func isQuote(p []byte) bool {
	switch string(p) {
	case "\"", "'", "“", "”", "«", "»", "‘", "’", "(", ")", "‹", "›", "„":
		return true
	}
	return false
}
