package segment

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// show renders tokens as "kind:text" for compact expectations.
func show(text string, toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Kind.String() + ":" + text[t.Start:t.End]
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"تصدى مقاتلون محليون", []string{"word:تصدى", "word:مقاتلون", "word:محليون"}},
		{"2021/10/3 و3.5 و1,000 و3-10-2021", []string{"number:2021/10/3", "word:و", "number:3.5", "word:و", "number:1,000", "word:و", "number:3-10-2021"}},
		{"٢٠٢١ ۲۴", []string{"number:٢٠٢١", "number:۲۴"}},
		{"عام 2021.", []string{"word:عام", "number:2021", "punct:."}},
		{"Reuters: ISIS-K", []string{"latin:Reuters", "punct::", "latin:ISIS", "punct:-", "latin:K"}},
		{"قُتِلَ جـاسم", []string{"word:قُتِلَ", "word:جـاسم"}},
		{"(مقر عمليات)", []string{"punct:(", "word:مقر", "word:عمليات", "punct:)"}},
		{"#درعا_الآن", []string{"punct:#", "word:درعا", "punct:_", "word:الآن"}},
		{"F16 عبرF", []string{"latin:F", "number:16", "word:عبر", "latin:F"}},
		{"", nil},
		{" \n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			toks, runes := Tokenize(nil, []byte(tt.in), 0, 0)
			assert.Equal(t, int32(utf8.RuneCountInString(tt.in)), runes)
			if tt.want == nil {
				assert.Empty(t, toks)
				return
			}
			assert.Equal(t, tt.want, show(tt.in, toks))
		})
	}
}

func TestTokenOffsets(t *testing.T) {
	text := "شبكة “درعا 24” المحلية، قالت: 13 قتيلًا"
	toks, end := Tokenize(nil, []byte(text), 100, 1000)
	assert.Equal(t, int32(1000+utf8.RuneCountInString(text)), end)
	runes := []rune(text)
	for _, tok := range toks {
		byteText := text[tok.Start-100 : tok.End-100]
		runeText := string(runes[tok.RuneStart-1000 : tok.RuneEnd-1000])
		assert.Equal(t, byteText, runeText)
	}
	assert.Equal(t, []string{"word:شبكة", "punct:“", "word:درعا", "number:24", "punct:”", "word:المحلية", "punct:،",
		"word:قالت", "punct::", "number:13", "word:قتيلًا"}, showBase(text, toks, 100))
}

func showBase(text string, toks []Token, base int32) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Kind.String() + ":" + text[t.Start-base:t.End-base]
	}
	return out
}

func sentences(text string, maxBytes int) []string {
	var out []string
	b := []byte(text)
	for len(b) > 0 {
		bd, ok := NextSentence(b, true, maxBytes)
		if !ok || bd.End == 0 {
			panic("no progress")
		}
		out = append(out, string(b[:bd.End]))
		b = b[bd.End:]
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"جملة أولى. جملة ثانية", []string{"جملة أولى.", " جملة ثانية"}},
		{"هل جاء؟ نعم! حسنا؛ ثم", []string{"هل جاء؟", " نعم!", " حسنا؛", " ثم"}},
		{"النسبة 3.5 بالمئة. ثم", []string{"النسبة 3.5 بالمئة.", " ثم"}},
		{"في 2021.10.3 جرت", []string{"في 2021.10.3 جرت"}},
		{"قال د. محمد إن", []string{"قال د. محمد إن"}},
		{"the U.S.A said", []string{"the U.S.A said"}},
		{"غزة.. احتجاجات", []string{"غزة..", " احتجاجات"}},
		{"قال “لا نخاف.” ثم", []string{"قال “لا نخاف.”", " ثم"}},
		{"عنوان\n\nنص المقال.\nسطر", []string{"عنوان\n", "\n", "نص المقال.", "\n", "سطر"}},
		{"آخر جملة.", []string{"آخر جملة."}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := sentences(tt.in, 0)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.in, strings.Join(got, ""))
		})
	}
}

func TestSentenceNeedsMoreText(t *testing.T) {
	for _, in := range []string{"النسبة 3.", "قال نعم.", "قال نعم!”", "بلا نهاية"} {
		_, ok := NextSentence([]byte(in), false, 0)
		assert.False(t, ok, in)
	}
	b, ok := NextSentence([]byte("النسبة 3.5"), false, 0)
	assert.False(t, ok, "3.5 may continue")
	assert.Zero(t, b.End)
	b, ok = NextSentence([]byte("قال نعم. ثم"), false, 0)
	assert.True(t, ok)
	assert.Equal(t, len("قال نعم."), b.End, "one rune of look-ahead decides; the space opens the next sentence")
	b, ok = NextSentence([]byte("سطر\n"), false, 0)
	assert.True(t, ok, "a line is complete when its line break arrives")
	assert.Equal(t, len("سطر\n"), b.End)
}

func TestForcedCut(t *testing.T) {
	long := strings.Repeat("كلمة ", 1000)
	got := sentences(long, 256)
	assert.Equal(t, long, strings.Join(got, ""))
	for _, s := range got {
		assert.LessOrEqual(t, len(s), 256)
		assert.True(t, utf8.ValidString(s))
	}
	// No spaces at all: cut on a rune boundary.
	solid := strings.Repeat("ب", 1000)
	got = sentences(solid, 255)
	require.Greater(t, len(got), 1)
	for _, s := range got {
		assert.True(t, utf8.ValidString(s))
	}
	assert.Equal(t, solid, strings.Join(got, ""))
}
