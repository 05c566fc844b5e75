package khabar

import (
	"context"
	"io"
	"strings"

	"github.com/khabar-ie/khabar/internal/segment"
)

// Token is one token as the pipeline sees it, for debugging and for tools
// that want the segmentation: its original text and offsets (code points,
// end exclusive), its normalized form, its stem, its clitic readings and
// the entity that covers it.
type Token struct {
	Sentence int    `json:"sentence"`
	Kind     string `json:"kind"` // word, latin, number or punct
	Text     string `json:"text"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Norm     string `json:"norm"`
	// Stem is the Snowball Arabic stem of an Arabic word's text
	// (الاشتباكات → اشتباك); empty for other tokens.
	Stem string `json:"stem,omitempty"`
	// Readings are the clitic splits proposed for an Arabic word, whole
	// word first, written prefix+stem+suffix (وال+صنمين).
	Readings []string `json:"readings,omitempty"`
	// Entity is the id of the entity covering the token, if any.
	Entity string `json:"entity,omitempty"`
}

// Tokens streams the tokens of a document read from r to fn, sentence by
// sentence, in bounded memory like ExtractReader. It returns a
// *DocumentError if the input is not text.
func (x *Extractor) Tokens(ctx context.Context, info DocInfo, r io.Reader, fn func(Token) error) error {
	ru := x.get(info, func(Record) error { return nil })
	defer x.put(ru)
	ru.tokenFn = fn
	return ru.process(ctx, r)
}

// bufferTokens keeps the current sentence's tokens until their window is
// decided.
func (ru *run) bufferTokens(sentence int) {
	an := ru.x.tagger.Analyzer()
	known := ru.x.tagger.Lexicon().IsBareName
	for i, t := range ru.toks {
		start, end := ru.norm.Orig(int(t.RuneStart), int(t.RuneEnd))
		word := ru.norm.Text[t.Start:t.End]
		tok := Token{
			Sentence: sentence,
			Kind:     t.Kind.String(),
			Text:     ru.origText(start, end),
			Start:    ru.origin + start,
			End:      ru.origin + end,
			Norm:     string(word),
		}
		if t.Kind == segment.Word {
			tok.Stem = ru.stemmer.String(tok.Text)
			ru.scratch.Readings = an.Readings(ru.scratch.Readings[:0], word, known)
			for _, rd := range ru.scratch.Readings {
				var b strings.Builder
				if rd.Prefix > 0 {
					b.Write(word[:rd.Prefix])
					b.WriteByte('+')
				}
				b.Write(an.AppendKey(nil, word, rd))
				if rd.Suffix > 0 {
					b.WriteByte('+')
					b.Write(word[len(word)-int(rd.Suffix):])
				}
				tok.Readings = append(tok.Readings, b.String())
			}
		}
		ru.pendTokens = append(ru.pendTokens, pendingToken{tok: tok, index: i})
	}
}

// flushTokens reports the decided window's tokens to tokenFn, each with
// the entity covering it.
func (ru *run) flushTokens() error {
	span := 0
	for _, pt := range ru.pendTokens {
		tok := pt.tok
		for span < len(ru.spans) && (ru.spans[span].sentence < tok.Sentence ||
			ru.spans[span].sentence == tok.Sentence && ru.spans[span].last < pt.index) {
			span++
		}
		if span < len(ru.spans) && ru.spans[span].sentence == tok.Sentence && ru.spans[span].first <= pt.index {
			tok.Entity = ru.spans[span].id
		}
		if err := ru.tokenFn(tok); err != nil {
			return err
		}
	}
	clear(ru.pendTokens)
	ru.pendTokens = ru.pendTokens[:0]
	return nil
}
