package normalize

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/transform"
)

func TestFoldingRules(t *testing.T) {
	n := New(Options{})
	tests := []struct {
		name, in, want string
	}{
		{"alef hamza above", "أحمد", "احمد"},
		{"alef hamza below", "إدلب", "ادلب"},
		{"alef madda", "آذار", "اذار"},
		{"alef wasla", "ٱلله", "الله"},
		{"alef maksura to ya, never to alef", "إلى", "الي"},
		{"ta marbuta", "مدينة", "مدينه"},
		{"waw hamza", "مؤتمر", "موتمر"},
		{"ya hamza", "رئيس", "رييس"},
		{"bare hamza stays", "سماء", "سماء"},
		{"persian keheh and yeh", "کردی", "كردي"},
		{"harakat", "قُتِلَ", "قتل"},
		{"tanween", "قتيلًا", "قتيلا"},
		{"shadda and sukun", "تدخّل مْ", "تدخل م"},
		{"superscript alef", "هٰذا", "هذا"},
		{"quranic marks", "الرَّحِيمِ ۝ ۖ", "الرحيم  "},
		{"tatweel", "جـــاسم", "جاسم"},
		{"arabic-indic digits", "٢٠٢١/١٠/٣", "2021/10/3"},
		{"extended digits", "۲۴", "24"},
		{"arabic decimal separator", "٣٫٥", "3.5"},
		{"zero width and bidi", "a\u200bb\u200cc\u200dd\u200ee\u200ff\u061cg", "abcdefg"},
		{"embeddings and isolates", "\u202aس\u202c \u2067ص\u2069", "س ص"},
		{"bom", "\ufeffدرعا", "درعا"},
		{"no-break and other spaces", "a\u00a0b\u2009c\u3000d\te", "a b c d e"},
		{"line separators", "a\u2028b\u2029c", "a\nb\nc"},
		{"newline kept", "a\nb", "a\nb"},
		{"carriage return", "a\r\nb", "a \nb"},
		{"stray control", "a\x02b", "a b"},
		{"lam-alef ligature", "\ufefb", "لا"},
		{"lam-alef hamza ligature", "\ufef7", "لا"},
		{"presentation forms word", "\ufedf\ufe92\ufee8\ufe8e\ufee5", "لبنان"},
		{"allah ligature", "\ufdf2", "الله"},
		{"ta marbuta final form", "\ufe94", "ه"},
		{"isolated fatha form is a diacritic", "ب\ufe76", "ب"},
		{"latin and punctuation untouched", "Reuters, “Jasim” 3.5 «x»", "Reuters, “Jasim” 3.5 «x»"},
		{"fullwidth latin untouched", "ＡＢ", "ＡＢ"},
		{"ligature ﬁ untouched", "\ufb01", "\ufb01"},
		{"replacement char kept", "a\ufffdb", "a\ufffdb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, n.String(tt.in))
		})
	}
}

func TestEachRuleIsAnOption(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		in   string
	}{
		{"presentation forms", Options{KeepPresentationForms: true}, "\ufefb"},
		{"diacritics", Options{KeepDiacritics: true}, "قُتِلَ"},
		{"tatweel", Options{KeepTatweel: true}, "جـاسم"},
		{"controls", Options{KeepControls: true}, "a\u200fb"},
		{"spaces", Options{KeepSpaces: true}, "a\u00a0b\tc"},
		{"alef", Options{KeepAlef: true}, "أإآٱ"},
		{"alef maksura", Options{KeepAlefMaksura: true}, "على"},
		{"ta marbuta", Options{KeepTaMarbuta: true}, "مدينة"},
		{"hamza carriers", Options{KeepHamzaCarriers: true}, "مؤتمر رئيس"},
		{"persian letters", Options{KeepPersianLetters: true}, "کی"},
		{"digits", Options{KeepDigits: true}, "٢٠۲۱٫٬"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.NotEqual(t, tt.in, New(Options{}).String(tt.in), "default must fold")
			assert.Equal(t, tt.in, New(tt.opts).String(tt.in), "option must keep")
		})
	}
}

func TestDisplayKeepsLetters(t *testing.T) {
	n := New(Display())
	assert.Equal(t, "إلى مدينةٍ", n.String("إلى مدينـةٍ\u200f"))
	assert.Equal(t, "لأ", n.String("\ufef7"), "presentation forms still unfold")
}

// TestPresentationExpansionsFit checks the transformer's bound on the
// longest replacement.
func TestPresentationExpansionsFit(t *testing.T) {
	for _, o := range []Options{{}, Display()} {
		n := New(o)
		for r := rune(presBase); r < presLimit; r++ {
			assert.LessOrEqual(t, len(n.appendRune(nil, r)), maxExpansion, "U+%04X", r)
		}
	}
}

func TestMapPointsBackToOriginal(t *testing.T) {
	n := New(Options{})
	orig := "قُتِلَ في \ufefbذقية جـاسمٌ\u200f."
	var m Mapped
	end := n.AppendMapped(&m, []byte(orig), 0)
	require.Equal(t, int32(utf8.RuneCountInString(orig)), end)
	require.Equal(t, "قتل في لاذقيه جاسم.", string(m.Text))
	origRunes := []rune(orig)
	span := func(norm string) string {
		i := strings.Index(string(m.Text), norm)
		require.GreaterOrEqual(t, i, 0)
		from := utf8.RuneCountInString(string(m.Text)[:i])
		s, e := m.Orig(from, from+utf8.RuneCountInString(norm))
		return string(origRunes[s:e])
	}
	assert.Equal(t, "قُتِلَ", span("قتل"), "trailing harakat belong to the word")
	assert.Equal(t, "جـاسمٌ", span("جاسم"), "tatweel and tanween inside the span")
	assert.Equal(t, "\ufefbذقية", span("لاذقيه"), "ligature maps to its one code point")
	assert.Equal(t, "\ufefb", span("لاذ")[:3], "ligature start")
	ligature := utf8.RuneCountInString("قتل في ")
	s, e := m.Orig(ligature, ligature+1)
	assert.Equal(t, "\ufefb", string(origRunes[s:e]), "half a ligature maps to the whole ligature")
	assert.Equal(t, ".", span("."), "the RLM is not glued to the next token")
}

func TestAppendMappedInChunksEqualsWhole(t *testing.T) {
	n := New(Options{})
	orig := []byte("أَهْلًا بِكُمْ في ٢٠٢١ \ufdf2")
	var whole, parts Mapped
	n.AppendMapped(&whole, orig, 7)
	pos := int32(7)
	// Chunks must end on rune boundaries (textio guarantees it upstream).
	for _, piece := range [][]byte{orig[:6], orig[6:21], orig[21:]} {
		pos = n.AppendMapped(&parts, piece, pos)
	}
	assert.Equal(t, whole, parts)
}

func TestTransformerMatchesString(t *testing.T) {
	n := New(Options{})
	in := strings.Repeat("قُتِلَ في ٢٠٢١ \ufdfa جـاسم\u200f “x” ", 500)
	out, _, err := transform.String(n.Transformer(), in)
	require.NoError(t, err)
	assert.Equal(t, n.String(in), out)

	// A reader with one-byte reads splits every rune and the long U+FDFA.
	r := transform.NewReader(iotestOneByte(strings.NewReader(in)), n.Transformer())
	got, err := io.ReadAll(r)
	require.NoError(t, err)
	assert.Equal(t, n.String(in), string(got))
}

func TestTransformerInvalidUTF8(t *testing.T) {
	n := New(Options{})
	out, _, err := transform.Bytes(n.Transformer(), []byte("a\xffب\xd8"))
	require.NoError(t, err)
	assert.Equal(t, "a\ufffdب\ufffd", string(out))
}

func TestTransformerShortDst(t *testing.T) {
	n := New(Options{})
	src := []byte("\ufdfa")
	dst := make([]byte, 4)
	nDst, nSrc, err := n.Transformer().Transform(dst, src, true)
	assert.Equal(t, transform.ErrShortDst, err)
	assert.Zero(t, nDst)
	assert.Zero(t, nSrc)
}

// oneByteReader returns one byte a read, as testing/iotest.OneByteReader.
type oneByteReader struct{ r io.Reader }

func (o oneByteReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return o.r.Read(p[:1])
}

func iotestOneByte(r io.Reader) io.Reader { return oneByteReader{r} }

func TestIdempotent(t *testing.T) {
	n := New(Options{})
	in := "أَهْلًا \ufefbبِكُمْ ٢٠٢١ \ufdfa\u200f"
	once := n.String(in)
	assert.Equal(t, once, n.String(once))
	assert.True(t, bytes.Equal([]byte(once), n.AppendString(nil, once)))
}
