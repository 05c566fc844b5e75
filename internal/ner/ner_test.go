package ner

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/khabar-ie/khabar/internal/clitic"
	"github.com/khabar-ie/khabar/internal/lexicon"
	"github.com/khabar-ie/khabar/internal/normalize"
	"github.com/khabar-ie/khabar/internal/segment"
)

type fixture struct {
	norm   *normalize.Normalizer
	tagger *Tagger
}

// newFixture builds a tagger from gazetteer lines "id<TAB>type<TAB>name
// [<TAB>rank]".
func newFixture(t *testing.T, lines ...string) *fixture {
	t.Helper()
	in := "id\ttype\tname\trank\n" + strings.Join(lines, "\n") + "\n"
	entries, err := lexicon.Parse(strings.NewReader(in), "test.tsv")
	require.NoError(t, err)
	norm := normalize.New(normalize.Options{})
	an, err := clitic.New("ه")
	require.NoError(t, err)
	lex, err := lexicon.Build(entries, norm, an)
	require.NoError(t, err)
	tg, err := New(lex, an, norm)
	require.NoError(t, err)
	return &fixture{norm: norm, tagger: tg}
}

// tagged is a mention in readable form.
type tagged struct {
	Prefix string // proclitics peeled off
	Name   string // normalized text of the name span
	ID     string // the best entry's id
}

// tag normalizes and tokenizes text, tags it, checks the invariants every
// result must keep, and returns the mentions.
func (f *fixture) tag(t *testing.T, text string) ([]Mention, []byte, []segment.Token) {
	t.Helper()
	norm := f.norm.AppendString(nil, text)
	toks, _ := segment.Tokenize(nil, norm, 0, 0)
	var s Scratch
	ms := f.tagger.Tag(nil, &s, norm, toks)
	checkInvariants(t, norm, toks, ms)
	return ms, norm, toks
}

func (f *fixture) tagged(t *testing.T, text string) []tagged {
	t.Helper()
	ms, norm, _ := f.tag(t, text)
	entries := f.tagger.Lexicon().Entries()
	var out []tagged
	for _, m := range ms {
		out = append(out, tagged{
			Prefix: m.Prefix,
			Name:   string(norm[m.Start:m.End]),
			ID:     entries[m.Matches[0].Entry].ID, // the first defined
		})
	}
	return out
}

func checkInvariants(t *testing.T, text []byte, toks []segment.Token, ms []Mention) {
	t.Helper()
	prevLast := -1
	for _, m := range ms {
		require.LessOrEqual(t, m.FirstToken, m.LastToken)
		require.Less(t, m.LastToken, len(toks))
		assert.Greater(t, m.FirstToken, prevLast, "mentions in order and without overlap")
		prevLast = m.LastToken
		first, last := toks[m.FirstToken], toks[m.LastToken]
		assert.NotEqual(t, segment.Punct, first.Kind, "a mention starts on a word")
		if last.Kind == segment.Punct {
			// Only a closing quote whose opening one is inside the name.
			assert.True(t, isQuote(text[last.Start:last.End]), "a mention ends on a word or a closing quote")
			assert.Greater(t, m.LastToken, m.FirstToken+1)
		}
		assert.Equal(t, first.Start+int32(len(m.Prefix)), m.Start, "Start is after the prefix")
		assert.Equal(t, string(text[first.Start:m.Start]), m.Prefix)
		assert.Equal(t, last.End, m.End)
		assert.Equal(t, int32(utf8.RuneCount(text[:m.Start])), m.RuneStart)
		assert.Equal(t, int32(utf8.RuneCount(text[:m.End])), m.RuneEnd)
		require.NotEmpty(t, m.Matches)
	}
}

func TestTagProclitics(t *testing.T) {
	f := newFixture(t,
		"SY12\tPLACE\tدرعا",
		"SY1202\tPLACE\tالصنمين",
		"C6111\tPLACE\tجاسم",
		"GOV\tORG\tالنظام",
		"DAM\tPLACE\tدمشق",
	)
	tests := []struct {
		text string
		want []tagged
	}{
		{"درعا", []tagged{{"", "درعا", "SY12"}}},
		{"قصف بدرعا", []tagged{{"ب", "درعا", "SY12"}}},
		{"وصل والصنمين", []tagged{{"و", "الصنمين", "SY1202"}}},
		{"في الصنمين", []tagged{{"", "الصنمين", "SY1202"}}},
		{"بالصنمين", []tagged{{"ب", "الصنمين", "SY1202"}}},
		{"وبالصنمين", []tagged{{"وب", "الصنمين", "SY1202"}}},
		{"للصنمين", []tagged{{"ل", "لصنمين", "SY1202"}}},
		{"تابع للنظام", []tagged{{"ل", "لنظام", "GOV"}}},
		{"وللنظام", []tagged{{"ول", "لنظام", "GOV"}}},
		{"وبجاسم", []tagged{{"وب", "جاسم", "C6111"}}},
		{"فجاسم", []tagged{{"ف", "جاسم", "C6111"}}},
		{"كدمشق", []tagged{{"ك", "دمشق", "DAM"}}},
		{"لدمشق", []tagged{{"ل", "دمشق", "DAM"}}},
		{"ودرعا وجاسم", []tagged{{"و", "درعا", "SY12"}, {"و", "جاسم", "C6111"}}},
		{"درعاوي", nil},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			assert.Equal(t, tt.want, f.tagged(t, tt.text))
		})
	}
}

func TestTagFutureMarkerIsNotAProclitic(t *testing.T) {
	f := newFixture(t, "C1007\tPLACE\tحلب", "SY12\tPLACE\tدرعا")
	assert.Nil(t, f.tagged(t, "شربت سحلب ساخنا"))
	assert.Nil(t, f.tagged(t, "سدرعا"))
	assert.Nil(t, f.tagged(t, "وسحلب"))
	// the other proclitics still apply
	assert.Equal(t, []tagged{{"ب", "حلب", "C1007"}}, f.tagged(t, "بحلب"))
}

func TestTagSpanOffsets(t *testing.T) {
	f := newFixture(t, "GOV\tORG\tالنظام السوري", "SY12\tPLACE\tدرعا")
	text := "قال مصدر إن قوات تابعة للنظام السوري دخلت بدرعا."
	ms, norm, toks := f.tag(t, text)
	require.Len(t, ms, 2)

	m := ms[0]
	assert.Equal(t, "لنظام السوري", string(norm[m.Start:m.End]))
	assert.Equal(t, "للنظام", string(norm[toks[m.FirstToken].Start:toks[m.FirstToken].End]))
	assert.Equal(t, "السوري", string(norm[toks[m.LastToken].Start:toks[m.LastToken].End]))
	runes := []rune(string(norm))
	assert.Equal(t, "لنظام السوري", string(runes[m.RuneStart:m.RuneEnd]))

	m = ms[1]
	assert.Equal(t, "درعا", string(runes[m.RuneStart:m.RuneEnd]))
	assert.Equal(t, "ب", m.Prefix)
	assert.Equal(t, m.FirstToken, m.LastToken)
}

func TestTagOffsetsWithBase(t *testing.T) {
	// Tokens of a sentence inside a larger buffer carry the buffer's
	// offsets; mentions follow them.
	f := newFixture(t, "SY12\tPLACE\tدرعا")
	doc := f.norm.AppendString(nil, "جملة اولى. قصف بدرعا")
	cut := strings.Index(string(doc), "قصف")
	base := int32(cut)
	runeBase := int32(utf8.RuneCount(doc[:cut]))
	toks, _ := segment.Tokenize(nil, doc[cut:], base, runeBase)
	ms := f.tagger.Tag(nil, &Scratch{}, doc, toks)
	require.Len(t, ms, 1)
	assert.Equal(t, "درعا", string(doc[ms[0].Start:ms[0].End]))
	assert.Equal(t, "درعا", string([]rune(string(doc))[ms[0].RuneStart:ms[0].RuneEnd]))
}

func TestTagNormalizedText(t *testing.T) {
	// Text written with hamza, ta marbuta, diacritics and tatweel finds
	// names written differently in the gazetteer.
	f := newFixture(t,
		"SY1203\tPLACE\tازرع",
		"SY14\tPLACE\tالقنيطرة",
		"UN\tORG\tالأمم المتحدة",
	)
	assert.Equal(t, []tagged{{"", "ازرع", "SY1203"}}, f.tagged(t, "إِزْرَع"))
	assert.Equal(t, []tagged{{"ب", "القنيطره", "SY14"}}, f.tagged(t, "بالقنيـطرة"))
	assert.Equal(t, []tagged{{"", "الامم المتحده", "UN"}}, f.tagged(t, "الأُمم المتّحدة"))
}

func TestTagLongestMatchWins(t *testing.T) {
	f := newFixture(t,
		"MP-SHORT\tORG\tالشرطة العسكرية",
		"MP\tORG\tالشرطة العسكرية الروسية",
		"RU\tPLACE\tروسيا",
		"RIF\tPLACE\tريف دمشق",
		"DAM\tPLACE\tدمشق",
		"RIF-W\tPLACE\tريف دمشق الغربي",
	)
	tests := []struct {
		text string
		want []tagged
	}{
		{"وصلت الشرطة العسكرية الروسية إلى المدينة", []tagged{{"", "الشرطه العسكريه الروسيه", "MP"}}},
		{"وصلت الشرطة العسكرية إلى المدينة", []tagged{{"", "الشرطه العسكريه", "MP-SHORT"}}},
		{"والشرطة العسكرية الروسية", []tagged{{"و", "الشرطه العسكريه الروسيه", "MP"}}},
		{"الشرطة العسكرية الروسيه", []tagged{{"", "الشرطه العسكريه الروسيه", "MP"}}},
		// a partial longer name falls back to the longest complete one
		{"الشرطة العسكرية التركية", []tagged{{"", "الشرطه العسكريه", "MP-SHORT"}}},
		{"الشرطة وحدها", nil},
		{"في ريف دمشق", []tagged{{"", "ريف دمشق", "RIF"}}},
		{"في ريف دمشق الغربي", []tagged{{"", "ريف دمشق الغربي", "RIF-W"}}},
		{"بريف دمشق الشرقي", []tagged{{"ب", "ريف دمشق", "RIF"}}},
		{"في دمشق وريفها", []tagged{{"", "دمشق", "DAM"}}},
		// the inner name is not reported inside the longer one
		{"ريف دمشق ودمشق", []tagged{{"", "ريف دمشق", "RIF"}, {"و", "دمشق", "DAM"}}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			assert.Equal(t, tt.want, f.tagged(t, tt.text))
		})
	}
}

func TestTagQuotesInsideNames(t *testing.T) {
	f := newFixture(t,
		"GID\tORG\tأمن الدولة",
		"ISIS\tORG\tتنظيم الدولة",
		"D24\tORG\tدرعا 24",
		"SY12\tPLACE\tدرعا",
	)
	tests := []struct {
		text string
		want []tagged
	}{
		{"اعتقله فرع “أمن الدولة” في درعا", []tagged{{"", "امن الدوله", "GID"}, {"", "درعا", "SY12"}}},
		{"فرع «أمن الدولة»", []tagged{{"", "امن الدوله", "GID"}}},
		// a closing quote balancing one inside the name is taken in
		{"عناصر تنظيم “الدولة” في المنطقة", []tagged{{"", "تنظيم “الدوله”", "ISIS"}}},
		{"تنظيم \"الدولة\"", []tagged{{"", "تنظيم \"الدوله\"", "ISIS"}}},
		{"تنظيم (الدولة)", []tagged{{"", "تنظيم (الدوله)", "ISIS"}}},
		{"تنظيم « الدولة »", []tagged{{"", "تنظيم « الدوله »", "ISIS"}}},
		{"وتنظيم ”“ الدولة", []tagged{{"و", "تنظيم ”“ الدوله", "ISIS"}}},
		{"شبكة “درعا 24” المحلية", []tagged{{"", "درعا 24", "D24"}}},
		// other punctuation ends a name
		{"تنظيم، الدولة", nil},
		{"امن. الدولة", nil},
		{"درعا، 24", []tagged{{"", "درعا", "SY12"}}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			assert.Equal(t, tt.want, f.tagged(t, tt.text))
		})
	}
}

func TestTagQuoteTokensInSpan(t *testing.T) {
	f := newFixture(t, "ISIS\tORG\tتنظيم الدولة")
	ms, norm, toks := f.tag(t, "تنظيم “الدولة” هاجم")
	require.Len(t, ms, 1)
	m := ms[0]
	assert.Equal(t, 0, m.FirstToken)
	assert.Equal(t, "”", string(norm[toks[m.LastToken].Start:toks[m.LastToken].End]))
	assert.Equal(t, 3, m.LastToken, "both quotes lie inside the span, balanced")
}

func TestTagArticleAgreement(t *testing.T) {
	f := newFixture(t,
		"SY1202\tPLACE\tالصنمين",
		"LB\tPLACE\tلبنان",
		"SY12\tPLACE\tدرعا",
		"GOV\tORG\tالنظام السوري",
	)
	tests := []struct {
		text string
		want []tagged
	}{
		{"صنمين", nil},
		{"بصنمين", nil},
		{"والصنمين", []tagged{{"و", "الصنمين", "SY1202"}}},
		{"الدرعا", nil},
		{"بالدرعا", nil},
		{"لبنان", []tagged{{"", "لبنان", "LB"}}},
		{"البنان", nil},
		{"ولبنان", []tagged{{"و", "لبنان", "LB"}}},
		{"للبنان", []tagged{{"ل", "لبنان", "LB"}}},
		{"نظام السوري", nil},
		{"النظام السوري", []tagged{{"", "النظام السوري", "GOV"}}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			assert.Equal(t, tt.want, f.tagged(t, tt.text))
		})
	}
}

func TestTagArticleAgreementPerEntry(t *testing.T) {
	// Two entries share the key صنمين, one with the article and one
	// without; each reading keeps only the entries it agrees with.
	f := newFixture(t,
		"ART\tPLACE\tالصنمين",
		"BARE\tPLACE\tصنمين",
	)
	ms, _, _ := f.tag(t, "الصنمين")
	require.Len(t, ms, 1)
	require.Len(t, ms[0].Matches, 1)
	assert.Equal(t, "ART", f.tagger.Lexicon().Entries()[ms[0].Matches[0].Entry].ID)

	ms, _, _ = f.tag(t, "بصنمين")
	require.Len(t, ms, 1)
	require.Len(t, ms[0].Matches, 1)
	assert.Equal(t, "BARE", f.tagger.Lexicon().Entries()[ms[0].Matches[0].Entry].ID)
}

func TestTagBareNameIsNeverSplit(t *testing.T) {
	f := newFixture(t,
		"LB\tPLACE\tلبنان",
		"BN\tPLACE\tبنان",
		"BNK\tPLACE\tبنان الكبير",
	)
	// Read as ل + بنان the text would give the longer name بنان الكبير;
	// لبنان is a known name, so it is only read whole.
	assert.Equal(t, []tagged{{"", "لبنان", "LB"}}, f.tagged(t, "لبنان الكبير"))
	assert.Equal(t, []tagged{{"", "لبنان", "LB"}}, f.tagged(t, "لبنان"))
	// A word that is not itself a name is still split.
	assert.Equal(t, []tagged{{"و", "بنان الكبير", "BNK"}}, f.tagged(t, "وبنان الكبير"))
}

// TestTagAllCandidates: every entry sharing a name is a candidate, in the
// order the entries are defined (the resolver chooses).
func TestTagAllCandidates(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		all   []string
	}{
		{"two", []string{"C5993\tPLACE\tدرعا\t0", "SY12\tPLACE\tدرعا\t5"}, []string{"C5993", "SY12"}},
		{"three, of two types", []string{"A\tPLACE\tدرعا\t-1", "B\tPLACE\tدرعا", "C\tORG\tدرعا\t-1"}, []string{"A", "B", "C"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, tt.lines...)
			ms, _, _ := f.tag(t, "قصف بدرعا")
			require.Len(t, ms, 1)
			entries := f.tagger.Lexicon().Entries()
			var all []string
			for _, m := range ms[0].Matches {
				all = append(all, entries[m.Entry].ID)
			}
			assert.Equal(t, tt.all, all)
		})
	}
}

func TestTagNoEnclitics(t *testing.T) {
	f := newFixture(t,
		"IQ\tPLACE\tالعراق",
		"SY\tPLACE\tسوريا",
		"SY12\tPLACE\tدرعا",
		"Q\tPLACE\tمحافظة درعا",
	)
	tests := []struct {
		text string
		want []tagged
	}{
		{"الجيش العراقي", nil},
		{"العراقي", nil},
		{"العراقيين", nil},
		{"سورياهم", nil},
		{"درعاه", nil},
		{"محافظتها", nil},
		{"العراق", []tagged{{"", "العراق", "IQ"}}},
		{"بالعراق", []tagged{{"ب", "العراق", "IQ"}}},
		{"محافظة درعا", []tagged{{"", "محافظه درعا", "Q"}}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			assert.Equal(t, tt.want, f.tagged(t, tt.text))
		})
	}
}

func TestTagOrderAndNoOverlap(t *testing.T) {
	f := newFixture(t,
		"SY12\tPLACE\tدرعا",
		"D24\tORG\tدرعا 24",
		"C6111\tPLACE\tجاسم",
		"SY1202\tPLACE\tالصنمين",
		"FORCES\tORG\tقوات النظام",
		"GOV\tORG\tالنظام",
		"ISIS\tORG\tتنظيم الدولة",
		"GID\tORG\tأمن الدولة",
	)
	text := "قالت شبكة درعا 24 إن قوات النظام قصفت جاسم والصنمين، وإن عناصر تنظيم “الدولة” وفرع أمن الدولة في درعا."
	got := f.tagged(t, text)
	assert.Equal(t, []tagged{
		{"", "درعا 24", "D24"},
		{"", "قوات النظام", "FORCES"},
		{"", "جاسم", "C6111"},
		{"و", "الصنمين", "SY1202"},
		{"", "تنظيم “الدوله”", "ISIS"},
		{"", "امن الدوله", "GID"},
		{"", "درعا", "SY12"},
	}, got)
}

func TestTagAppendsToDst(t *testing.T) {
	f := newFixture(t, "SY12\tPLACE\tدرعا", "C6111\tPLACE\tجاسم")
	norm := f.norm.AppendString(nil, "درعا وجاسم")
	toks, _ := segment.Tokenize(nil, norm, 0, 0)
	var s Scratch
	prev := []Mention{{FirstToken: 99}}
	got := f.tagger.Tag(prev, &s, norm, toks)
	require.Len(t, got, 3)
	assert.Equal(t, 99, got[0].FirstToken)
	assert.Equal(t, "درعا", string(norm[got[1].Start:got[1].End]))
	assert.Equal(t, "جاسم", string(norm[got[2].Start:got[2].End]))

	// The scratch is reusable for the next sentence.
	norm2 := f.norm.AppendString(nil, "بجاسم")
	toks2, _ := segment.Tokenize(nil, norm2, 0, 0)
	got2 := f.tagger.Tag(nil, &s, norm2, toks2)
	require.Len(t, got2, 1)
	assert.Equal(t, "ب", got2[0].Prefix)
}

func TestTagNumbersAndLatin(t *testing.T) {
	f := newFixture(t,
		"N\tORG\t24",
		"UN\tORG\tUN",
		"SY12\tPLACE\tدرعا",
	)
	assert.Equal(t, []tagged{{"", "24", "N"}}, f.tagged(t, "قال 24 مصدرا"))
	assert.Equal(t, []tagged{{"", "UN", "UN"}}, f.tagged(t, "قالت UN"))
	assert.Nil(t, f.tagged(t, "قالت UNICEF"))
	assert.Nil(t, f.tagged(t, "240"))
}

func TestTaggerAccessors(t *testing.T) {
	f := newFixture(t, "SY12\tPLACE\tدرعا")
	require.NotNil(t, f.tagger.Lexicon())
	require.NotNil(t, f.tagger.Analyzer())
	_, ok := f.tagger.Lexicon().Entry("SY12")
	assert.True(t, ok)
}

func TestTagConcurrent(t *testing.T) {
	f := newFixture(t, "SY12\tPLACE\tدرعا", "GOV\tORG\tالنظام", "MP\tORG\tالشرطة العسكرية الروسية")
	norm := f.norm.AppendString(nil, "دخلت الشرطة العسكرية الروسية بدرعا بعد انسحاب موالين للنظام")
	toks, _ := segment.Tokenize(nil, norm, 0, 0)
	want := f.tagger.Tag(nil, &Scratch{}, norm, toks)
	require.Len(t, want, 3)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			var s Scratch
			for range 200 {
				assert.Equal(t, want, f.tagger.Tag(nil, &s, norm, toks))
			}
		})
	}
	wg.Wait()
}

// cueSummary describes a mention's cues compactly for table tests.
func cueSummary(c Cues) string {
	var parts []string
	if c.Head != nil {
		parts = append(parts, "head:"+c.Head.Word)
	}
	if c.InnerHead != nil {
		parts = append(parts, "inner:"+c.InnerHead.Word)
	}
	if c.Place != nil {
		parts = append(parts, "place:"+c.Place.Word)
	}
	if c.Direction != nil {
		parts = append(parts, "direction:"+c.Direction.Word)
	}
	for _, f := range []struct {
		on   bool
		name string
	}{{c.Quoted, "quoted"}, {c.AfterMention, "after"}, {c.Conj, "conj"}, {c.InPrep, "ب"}, {c.Attributive, "attributive"}, {c.Masculine, "masculine"}} {
		if f.on {
			parts = append(parts, f.name)
		}
	}
	return strings.Join(parts, " ")
}

func TestCues(t *testing.T) {
	f := newFixture(t,
		"SY12\tPLACE\tدرعا",
		"C6111\tPLACE\tجاسم",
		"C6051\tPLACE\tالصنمين",
		"JO\tPLACE\tالأردن",
		"AMM\tPLACE\tعمان",
		"CAMP\tPLACE\tمخيم الهول",
		"ISIS\tORG\tتنظيم الدولة",
		"D24\tORG\tدرعا 24",
		"SA\tPLACE\tالسعودية",
		"LIV\tPLACE\tليفربول",
		"SY\tPLACE\tسورية",
	)
	for _, tc := range []struct {
		text string
		want []string // cues of each mention, in order
	}{
		{"قال جاسم", []string{""}},
		{"في مدينة جاسم", []string{"head:مدينة"}},
		{"وبمدينة جاسم", []string{"head:مدينة"}},
		{"في ريف درعا", []string{"head:ريف direction:ريف"}},
		{"العاصمة الأردنية عمان", []string{"head:العاصمة"}},
		{"وصلوا إلى جاسم", []string{"place:إلى"}},
		{"ووصلوا الى جاسم", []string{"place:إلى"}},
		{"أهالي جاسم", []string{"place:أهالي"}},
		{"الصنمين شمالي درعا", []string{"", "direction:شمالي"}},
		{"مدينة جاسم بدرعا", []string{"head:مدينة", "after ب"}},
		{"في جاسم ودرعا", []string{"place:في", "after conj"}},
		{"في جاسم، درعا", []string{"place:في", "after"}},
		{"في جاسم قرب درعا", []string{"place:في", "place:قرب"}},
		{"شبكة “درعا 24”", []string{"head:شبكة quoted"}},
		{"لمخيم الهول", []string{"inner:مخيم"}},
		{"هاجم تنظيم الدولة", []string{"inner:تنظيم"}},
		{"في الأردن", []string{"place:في"}},
		{"المدينة جاسم", []string{""}},
		{"الداخلية السعودية", []string{"attributive"}},
		{"في السعودية", []string{"place:في"}},
		{"للاجئة سورية", []string{"attributive"}},
		{"في سورية", []string{"place:في"}},
		{"زار الرئيس سورية", []string{""}},
		{"فاز ليفربول الإنكليزي", []string{"masculine"}},
		{"في ليفربول الشمالي", []string{"place:في"}},
		{"في ليفربول الجميلة", []string{"place:في"}},
		{"في العاصمة عمان", []string{"head:العاصمة"}},
	} {
		t.Run(tc.text, func(t *testing.T) {
			ms, _, _ := f.tag(t, tc.text)
			var cues []string
			for _, m := range ms {
				cues = append(cues, cueSummary(m.Cues))
			}
			assert.Equal(t, tc.want, cues)
		})
	}
}

func TestCueTable(t *testing.T) {
	norm := normalize.New(normalize.Options{})
	an, err := clitic.New("ه")
	require.NoError(t, err)
	cues, err := loadCues(cueData, norm, an)
	require.NoError(t, err)
	city := cues[norm.String("مدينة")]
	require.NotNil(t, city)
	assert.True(t, city.Fits("PLACE", "city"))
	assert.True(t, city.Fits("PLACE", ""), "unknown subtype fits")
	assert.False(t, city.Fits("PLACE", "governorate"))
	assert.False(t, city.Fits("ORG", "city"))
	assert.True(t, cues[norm.String("تنظيم")].Fits("ORG", "armed_group"))
	assert.Equal(t, CuePrep, cues[norm.String("في")].Kind)

	for _, bad := range []string{"nokind\tword\n", "head\n", "head\tمدينة\tcity\tbig\n", "prep\tفي\nprep\tفي\n"} {
		_, err := loadCues([]byte(bad), norm, an)
		assert.Error(t, err, bad)
	}
}
