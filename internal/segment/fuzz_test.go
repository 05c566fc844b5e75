package segment

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khabar-ie/khabar/internal/normalize"
)

var fuzzNorm = normalize.New(normalize.Options{})

// checkTokens asserts the tokenizer's invariants on text tokenized with
// the given bases.
func checkTokens(t *testing.T, text []byte, toks []Token, byteBase, runeBase, runeEnd int32) {
	t.Helper()
	runes := []rune(string(text))
	if want := runeBase + int32(len(runes)); runeEnd != want {
		t.Fatalf("Tokenize returned rune end %d, want %d", runeEnd, want)
	}
	var prev Token
	for i, tok := range toks {
		if tok.Kind < Word || tok.Kind > Punct {
			t.Fatalf("token %d: kind %d", i, tok.Kind)
		}
		if tok.Start >= tok.End || tok.RuneStart >= tok.RuneEnd {
			t.Fatalf("token %d: empty %+v", i, tok)
		}
		if tok.Start < byteBase || int(tok.End-byteBase) > len(text) || tok.RuneStart < runeBase || tok.RuneEnd > runeEnd {
			t.Fatalf("token %d: %+v outside the text", i, tok)
		}
		if i > 0 && (tok.Start < prev.End || tok.RuneStart < prev.RuneEnd) {
			t.Fatalf("token %d: %+v overlaps or precedes %+v", i, tok, prev)
		}
		byteText := string(text[tok.Start-byteBase : tok.End-byteBase])
		runeText := string(runes[tok.RuneStart-runeBase : tok.RuneEnd-runeBase])
		if byteText != runeText {
			t.Fatalf("token %d: bytes give %q, runes give %q", i, byteText, runeText)
		}
		if !utf8.ValidString(byteText) {
			t.Fatalf("token %d: %q is not whole runes", i, byteText)
		}
		for _, r := range byteText {
			if classOf(r) == cSpace {
				t.Fatalf("token %d: %q holds a space", i, byteText)
			}
		}
		if tok.Kind == Punct && utf8.RuneCountInString(byteText) != 1 {
			t.Fatalf("token %d: punctuation %q is not one code point", i, byteText)
		}
		prev = tok
	}
}

// sentenceTokens tokenizes each sentence as the extractor does, keeping
// only sentences that hold tokens.
func sentenceTokens(text []byte, ends []int) [][]Token {
	var out [][]Token
	start, runes := 0, int32(0)
	for _, end := range ends {
		var toks []Token
		toks, runes = Tokenize(nil, text[start:end], int32(start), runes)
		if len(toks) > 0 {
			out = append(out, toks)
		}
		start = end
	}
	return out
}

// firstRuneLen is the byte length of b's first rune.
func firstRuneLen(b []byte) int {
	_, size := utf8.DecodeRune(b)
	return size
}

// knownTinyLimitStall fails on an empty forced sentence (see TestTinyLimit):
// a limit shorter than a terminator at the start of the text must still
// give a sentence of that one rune.
func knownTinyLimitStall(t *testing.T, text []byte, maxBytes int, b Boundary, ok bool) {
	t.Helper()
	if ok && b.End == 0 && b.Forced && maxBytes > 0 && maxBytes < firstRuneLen(text) {
		t.Fatalf("NextSentence(%q, maxBytes %d) returns an empty sentence", text, maxBytes)
	}
}

// eofSentences splits text with NextSentence at EOF, failing on no
// progress.
func eofSentences(t *testing.T, text []byte, maxBytes int) (ends []int, forced bool) {
	t.Helper()
	for pos := 0; pos < len(text); {
		b, ok := NextSentence(text[pos:], true, maxBytes)
		if !ok || b.End <= 0 || pos+b.End > len(text) {
			knownTinyLimitStall(t, text[pos:], maxBytes, b, ok)
			t.Fatalf("no progress at EOF at byte %d of %q (limit %d): %+v, %v", pos, text, maxBytes, b, ok)
		}
		forced = forced || b.Forced
		pos += b.End
		ends = append(ends, pos)
	}
	return ends, forced
}

// TestSentenceOfExactlyLimit: a text of exactly maxBytes bytes without a
// terminator or a space in its second half (this used to index past the
// end of the text in forcedCut).
func TestSentenceOfExactlyLimit(t *testing.T) {
	for _, text := range []string{strings.Repeat("a", 16), strings.Repeat("ب", 8), "ab" + strings.Repeat("ب", 7)} {
		for _, atEOF := range []bool{false, true} {
			b, ok := NextSentence([]byte(text), atEOF, 16)
			if !ok || b.End <= 0 || b.End > 16 || !utf8.ValidString(text[:b.End]) {
				t.Errorf("NextSentence(%q, %v, 16) = %+v, %v", text, atEOF, b, ok)
			}
		}
	}
}

// TestTinyLimit: limits shorter than a UTF-8 sequence still make progress
// and cut on rune boundaries (one rune a sentence).
func TestTinyLimit(t *testing.T) {
	for limit := 1; limit < utf8.UTFMax; limit++ {
		// The texts with a two-byte terminator come last: they hit the
		// known stall.
		for _, text := range []string{"بب😀", "…ب", "\n؟", "a؟", "؟ب", "؛؟!"} {
			ends, _ := eofSentences(t, []byte(text), limit)
			start := 0
			for _, end := range ends {
				piece := text[start:end]
				if !utf8.ValidString(piece) || len(piece) > max(limit, firstRuneLen([]byte(piece))) {
					t.Errorf("limit %d: sentence %q of %q", limit, piece, text)
				}
				start = end
			}
		}
	}
}

// TestLimitAfterTerminator: what follows a terminator (more terminators,
// closing quotes) is kept with the sentence only up to the limit, so
// NextSentence decides however long the run is.
func TestLimitAfterTerminator(t *testing.T) {
	const limit = 64
	for _, run := range []string{"!", "”", ")", "؟", "…"} {
		text := []byte("نعم." + strings.Repeat(run, 1000))
		b, ok := NextSentence(text, false, limit)
		if !ok || b.End <= 0 || b.End > limit {
			t.Errorf("NextSentence(%q + 1000×%q, false, %d) = %+v, %v", "نعم.", run, limit, b, ok)
		}
	}
}

// TestNewlineThenSpacesInChunks: where the next sentence starts does not
// depend on whether the text read so far ends right after a line break
// (with a cut at the limit in that sentence, it used to move the cut).
func TestNewlineThenSpacesInChunks(t *testing.T) {
	const limit = 17
	text := []byte("قتل\n  " + strings.Repeat("جاسم", 8))
	whole, _ := eofSentences(t, text, limit)
	first, ok := NextSentence(text[:len("قتل\n")], false, limit)
	if !ok {
		t.Fatal("a line is complete when its line break arrives")
	}
	rest, _ := eofSentences(t, text[first.End:], limit)
	inc := []int{first.End}
	for _, e := range rest {
		inc = append(inc, first.End+e)
	}
	if !reflect.DeepEqual(inc, whole) {
		t.Errorf("sentences end at %v when the text arrives whole, %v when the first read ends after the line break", whole, inc)
	}
}

// FuzzTokenize checks the segmenter on any text, normalized first as the
// extractor does: tokens are in order, non-overlapping, non-empty and
// within bounds, and their byte and rune offsets describe the same text;
// NextSentence always makes progress at EOF, its sentences concatenate to
// the input, end on rune boundaries and (with a limit) are no longer than
// the limit (or than one rune, for limits shorter than a rune); a sentence
// boundary never splits a token unless the limit forced it; and finding
// sentences incrementally, as text arrives in chunks, gives exactly the
// same sentences as the whole text, deciding once the text read reaches
// the limit plus one rune of look-ahead.
func FuzzTokenize(f *testing.F) {
	seeds := []string{
		"",
		" \n ",
		"تصدى مقاتلون محليون في مدينة جاسم لدورية أمنية تابعة للنظام السوري.",
		"جملة أولى. جملة ثانية\nهل جاء؟ نعم! حسنا؛ ثم",
		"النسبة 3.5 بالمئة. في 2021.10.3 جرت قال د. محمد إن the U.S.A said",
		"غزة.. احتجاجات قال “لا نخاف.” ثم عنوان\n\nنص المقال.\nسطر",
		"2021/10/3 و3.5 و1,000 و3-10-2021 ٢٠٢١ ۲۴ ٣٫٥",
		"Reuters: ISIS-K #درعا_الآن F16 عبرF (مقر عمليات)",
		"قُتِلَ جـاسم \ufefb\ufdfa \u200f\u064e",
		"a\xffب\xd8 \xe1\x80 \xed\xa0\x80",
		strings.Repeat("كلمة ", 60),
		strings.Repeat("ب", 100),
		"نعم.   \n\n  ثم!!!”» ثم",
		"؟؛…!",
	}
	for i, s := range seeds {
		f.Add([]byte(s), uint16(0), uint8(i))
		f.Add([]byte(s), uint16(1+i*5), uint8(i+1))
	}

	f.Fuzz(func(t *testing.T, data []byte, maxBytes uint16, chunk uint8) {
		text := []byte(fuzzNorm.String(strings.ToValidUTF8(string(data), "\uFFFD")))
		limit := int(maxBytes)

		// Tokens of the whole text, with bases.
		toks, end := Tokenize(nil, text, 7, 3)
		checkTokens(t, text, toks, 7, 3, end)

		// Sentences at EOF.
		ends, forced := eofSentences(t, text, limit)
		start := 0
		for _, e := range ends {
			piece := text[start:e]
			if !utf8.Valid(piece) {
				t.Fatalf("sentence %q at %d does not end on a rune boundary", piece, start)
			}
			if limit > 0 && len(piece) > max(limit, firstRuneLen(piece)) {
				t.Fatalf("sentence %q at %d is %d bytes, limit %d", piece, start, len(piece), limit)
			}
			start = e
		}
		if start != len(text) {
			t.Fatalf("sentences end at %d, text at %d", start, len(text))
		}

		// Sentence by sentence, the tokens are those of the whole text
		// (unless a cut at the limit went through a word).
		perSentence := sentenceTokens(text, ends)
		var flat []Token
		for _, s := range perSentence {
			flat = append(flat, s...)
		}
		whole, _ := Tokenize(nil, text, 0, 0)
		if !forced && !reflect.DeepEqual(flat, whole) && (len(flat) > 0 || len(whole) > 0) {
			t.Fatalf("sentence boundaries %v split tokens of %q", ends, text)
		}

		// Incrementally, in chunks ending on rune boundaries, as the
		// extractor's window grows.
		step := int(chunk)%16 + 1
		var incEnds []int
		pos := 0
		for avail := 0; avail < len(text); {
			avail = min(avail+step, len(text))
			for avail < len(text) && !utf8.RuneStart(text[avail]) {
				avail++
			}
			atEOF := avail == len(text)
			for pos < avail {
				b, ok := NextSentence(text[pos:avail], atEOF, limit)
				if !ok || b.End == 0 {
					knownTinyLimitStall(t, text[pos:avail], limit, b, ok)
					if limit > 0 && avail-pos >= limit+utf8.UTFMax {
						t.Fatalf("window of %d bytes at %d undecided with limit %d: %q", avail-pos, pos, limit, text[pos:avail])
					}
					break
				}
				pos += b.End
				incEnds = append(incEnds, pos)
			}
		}
		if !reflect.DeepEqual(incEnds, ends) {
			t.Fatalf("incremental sentences end at %v, whole-text sentences at %v, in %q (limit %d, chunks of %d)", incEnds, ends, text, limit, step)
		}
	})
}
