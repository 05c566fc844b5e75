package resolve

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/khabar-ie/khabar/internal/clitic"
	"github.com/khabar-ie/khabar/internal/lexicon"
	"github.com/khabar-ie/khabar/internal/ner"
	"github.com/khabar-ie/khabar/internal/normalize"
	"github.com/khabar-ie/khabar/internal/segment"
)

// A small gazetteer with the shapes the rules care about: a governorate
// and its capital sharing a name, a town and a village under them, a name
// shared by villages of two governorates, a name that is a common word, a
// province of another country, and organizations.
const gazetteer = `id	type	subtype	name	aliases	parent	rank	match
SY	PLACE	country	سوريا		 	100	
SY12	PLACE	governorate	درعا		SY	90	
SY1203	PLACE	district	إزرع		SY12	45	
SY120301	PLACE	subdistrict	جاسم		SY1203	30	
C5993	PLACE	city	درعا		SY12	85	
C6111	PLACE	town	جاسم		SY120301	50	
C6112	PLACE	village	نمر		SY120301	20	
C6113	PLACE	village	الهبارية		SY120301	20	
SY01	PLACE	governorate	دمشق		SY	90	
C1001	PLACE	city	دمشق		SY01	95	
SY11	PLACE	governorate	الرقة		SY	90	
SY05	PLACE	governorate	حماة		SY	90	
C5942	PLACE	village	المنصورة		SY11	20	
C3160	PLACE	village	المنصورة		SY05	20	
C4337	PLACE	village	المدينة		SY11	20	
TR	PLACE	country	تركيا			100	
ADM1-TR.31	PLACE	province	هاتاي		TR	40	
SA	PLACE	country	السعودية			100	
CITY-LIV	PLACE	city	ليفربول			70	
ORG-ISIS	ORG	armed_group	تنظيم الدولة	داعش		90	
ORG-PAPER	ORG	media	الشرق الأوسط			60	strict
REG-ME	PLACE	region	الشرق الأوسط			60	
`

type fixture struct {
	norm   *normalize.Normalizer
	tagger *ner.Tagger
	res    *Resolver
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	return fixtureOf(t, gazetteer)
}

// fixtureOf builds tagger and resolver over a gazetteer file's text.
func fixtureOf(t *testing.T, file string) *fixture {
	t.Helper()
	entries, err := lexicon.Parse(strings.NewReader(file), "test.tsv")
	require.NoError(t, err)
	norm := normalize.New(normalize.Options{})
	an, err := clitic.New("ه")
	require.NoError(t, err)
	lex, err := lexicon.Build(entries, norm, an)
	require.NoError(t, err)
	tagger, err := ner.New(lex, an, norm)
	require.NoError(t, err)
	res, err := New(lex, norm)
	require.NoError(t, err)
	return &fixture{norm: norm, tagger: tagger, res: res}
}

// got is a decided mention in readable form.
type got struct {
	Name, ID, Basis string
}

// resolve runs a document, one sentence a line, through tagger and
// resolver in one window, and returns the accepted mentions.
func (f *fixture) resolve(t *testing.T, doc string) []got {
	t.Helper()
	d := f.res.NewDoc()
	type pos struct {
		text []byte
		m    ner.Mention
	}
	var all []pos
	var s ner.Scratch
	for i, line := range strings.Split(doc, "\n") {
		text := f.norm.AppendString(nil, line)
		toks, _ := segment.Tokenize(nil, text, 0, 0)
		for _, m := range f.tagger.Tag(nil, &s, text, toks) {
			d.Add(m, i)
			all = append(all, pos{text, m})
		}
	}
	var out []got
	entries := f.tagger.Lexicon().Entries()
	for i, dec := range d.Resolve(nil) {
		if dec.Accept {
			p := all[i]
			out = append(out, got{string(p.text[p.m.Start:p.m.End]), entries[p.m.Matches[dec.Best].Entry].ID, dec.Basis})
		}
	}
	return out
}

func TestEvidence(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		name, doc string
		want      []got
	}{
		{"free names anywhere", "قالت تركيا وسوريا", []got{{"تركيا", "TR", "name"}, {"سوريا", "SY", "name"}}},
		{"a town needs a sign", "قال جاسم", nil},
		{"head noun", "في مدينة جاسم", []got{{"جاسم", "C6111", "head:مدينة"}}},
		{"head noun with proclitics", "وبمدينة جاسم", []got{{"جاسم", "C6111", "head:مدينة"}}},
		{"preposition alone is not enough", "وصلوا إلى جاسم", nil},
		{"preposition and area", "في درعا\nوصلوا إلى جاسم", []got{{"درعا", "SY12", "name"}, {"جاسم", "C6111", "area"}}},
		{"ب on the name and area", "في محافظة درعا\nقتل شاب بجاسم", []got{{"درعا", "SY12", "head:محافظة"}, {"جاسم", "C6111", "area"}}},
		{"same entry later in the window", "وجهاء جاسم\nفي مدينة جاسم", []got{{"جاسم", "C6111", "document"}, {"جاسم", "C6111", "head:مدينة"}}},
		{"coordination with a place", "في مدينة جاسم ونمر", []got{{"جاسم", "C6111", "head:مدينة"}, {"نمر", "C6112", "list"}}},
		{"coordination needs a place before", "قال نمر", nil},
		{"area of a village through its sub-district", "في مدينة جاسم\nقصف على الهبارية قرب نمر", []got{{"جاسم", "C6111", "head:مدينة"}, {"نمر", "C6112", "area"}}},
		{"common word needs a head noun", "في الرقة\nفي المدينة", []got{{"الرقة", "SY11", "name"}}},
		{"common word with a head noun", "في قرية المدينة بالرقة", []got{{"المدينة", "C4337", "head:قرية"}, {"الرقة", "SY11", "name"}}},
		{"province with its country", "في تركيا\nفي هاتاي", []got{{"تركيا", "TR", "name"}, {"هاتاي", "ADM1-TR.31", "area"}}},
		{"province without its country", "في هاتاي", nil},
		{"country is not a village's area", "في سوريا\nوصلوا إلى الهبارية", []got{{"سوريا", "SY", "name"}}},
		{"strict organization quoted", "قالت «الشرق الأوسط»", []got{{"الشرق الاوسط", "ORG-PAPER", "quote"}}},
		{"strict organization with a head noun", "قالت صحيفة الشرق الأوسط", []got{{"الشرق الاوسط", "ORG-PAPER", "head:صحيفة"}}},
		{"strict organization bare: the region", "في الشرق الأوسط", []got{{"الشرق الأوسط", "REG-ME", "name"}}},
		{"the region, a free name, before the document's organization", "قالت «الشرق الأوسط»\nفي الشرق الأوسط", []got{{"الشرق الأوسط", "ORG-PAPER", "quote"}, {"الشرق الأوسط", "REG-ME", "name"}}},
		{"nisba after a definite noun is an adjective", "قالت وزارة الداخلية السعودية", nil},
		{"the country itself", "قالت السعودية إن", []got{{"السعودية", "SA", "name"}}},
		{"a city with a masculine adjective is a club", "فاز ليفربول الإنكليزي", nil},
		{"a city with a compass adjective", "في ليفربول الشمالي", []got{{"ليفربول", "CITY-LIV", "name"}}},
		{"organization name with its head inside", "هاجم تنظيم الدولة", []got{{"تنظيم الدوله", "ORG-ISIS", "head:تنظيم"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for i := range tc.want {
				tc.want[i].Name = f.norm.String(tc.want[i].Name) // spans are compared normalized
			}
			assert.Equal(t, tc.want, f.resolve(t, tc.doc))
		})
	}
}

func TestDisambiguation(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		name, doc string
		want      []string // ids of the accepted mentions
	}{
		{"rank when nothing decides", "قصف درعا", []string{"SY12"}},
		{"a name does not imply its own candidates", "قصف دمشق", []string{"C1001"}},
		{"head noun picks the city", "في مدينة درعا", []string{"C5993"}},
		{"head noun picks the governorate", "في محافظة درعا", []string{"SY12"}},
		{"ريف picks the governorate", "في ريف درعا", []string{"SY12"}},
		{"X بY: the container", "في مدينة جاسم بدرعا", []string{"C6111", "SY12"}},
		{"one sense per document", "في مدينة درعا\nقصف درعا", []string{"C5993", "C5993"}},
		{"admin context of the document", "في الرقة\nفي قرية المنصورة", []string{"SY11", "C5942"}},
		{"the other governorate", "في حماة\nفي قرية المنصورة", []string{"SY05", "C3160"}},
		{"context later in the window", "في قرية المنصورة\nفي حماة", []string{"C3160", "SY05"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ids []string
			for _, g := range f.resolve(t, tc.doc) {
				ids = append(ids, g.ID)
			}
			assert.Equal(t, tc.want, ids)
		})
	}
}

// TestRank: when nothing else decides, the higher rank wins (0 when none
// is given; ranks may be negative), and among equals the first defined.
// The entries are regions and organizations, free names.
func TestRank(t *testing.T) {
	for _, tc := range []struct {
		name, file, want string
	}{
		{"higher rank later", "C\tPLACE\tregion\t0\nG\tPLACE\tregion\t5\n", "G"},
		{"higher rank first", "G\tPLACE\tregion\t5\nC\tPLACE\tregion\t1\n", "G"},
		{"ties go to the first defined", "A\tPLACE\tregion\t2\nB\tPLACE\tregion\t2\nC\tPLACE\tregion\t1\n", "A"},
		{"negative ranks", "A\tPLACE\tregion\t-3\nB\tPLACE\tregion\t-1\nC\tPLACE\tregion\t-2\n", "B"},
		{"default rank 0", "A\tPLACE\tregion\t-1\nB\tPLACE\tregion\t\nC\tORG\t\t-1\n", "B"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := fixtureOf(t, "id\ttype\tsubtype\trank\tname\n"+strings.ReplaceAll(tc.file, "\n", "\tدرعا\n"))
			got := f.resolve(t, "قصف درعا")
			require.Len(t, got, 1)
			assert.Equal(t, tc.want, got[0].ID)
		})
	}
}

// TestWindows checks that state carries from one window to the next: a
// document decided sentence by sentence still uses what came before.
func TestWindows(t *testing.T) {
	f := newFixture(t)
	d := f.res.NewDoc()
	var s ner.Scratch
	decide := func(line string) []string {
		text := f.norm.AppendString(nil, line)
		toks, _ := segment.Tokenize(nil, text, 0, 0)
		ms := f.tagger.Tag(nil, &s, text, toks)
		for _, m := range ms {
			d.Add(m, 0)
		}
		var ids []string
		for i, dec := range d.Resolve(nil) {
			if dec.Accept {
				ids = append(ids, f.tagger.Lexicon().Entries()[ms[i].Matches[dec.Best].Entry].ID)
			}
		}
		return ids
	}
	assert.Nil(t, decide("وجهاء جاسم"), "no evidence yet")
	assert.Equal(t, []string{"C6111"}, decide("في مدينة جاسم"))
	assert.Equal(t, []string{"C6111"}, decide("وجهاء جاسم"), "the document now knows جاسم")
	d.Reset()
	assert.Nil(t, decide("وجهاء جاسم"), "a new document starts afresh")
}

func TestLevels(t *testing.T) {
	f := newFixture(t)
	lex := f.tagger.Lexicon()
	level := func(id string) lexicon.Evidence {
		i, ok := lex.Index(id)
		require.True(t, ok, id)
		return f.res.Level(lexicon.Match{Entry: i})
	}
	assert.Equal(t, lexicon.EvidenceFree, level("SY"), "country")
	assert.Equal(t, lexicon.EvidenceFree, level("SY12"), "governorate")
	assert.Equal(t, lexicon.EvidenceFree, level("C5993"), "city of rank 85")
	assert.Equal(t, lexicon.EvidenceCue, level("C6111"), "town")
	assert.Equal(t, lexicon.EvidenceCue, level("ADM1-TR.31"), "province")
	assert.Equal(t, lexicon.EvidenceStrict, level("C4337"), "common word (common-words.tsv)")
	assert.Equal(t, lexicon.EvidenceStrict, level("ORG-PAPER"), "match column")
	assert.Equal(t, lexicon.EvidenceFree, level("ORG-ISIS"), "organization")
}

func TestCommonWordsFile(t *testing.T) {
	norm := normalize.New(normalize.Options{})
	words, err := loadCommonWords(commonWords, norm)
	require.NoError(t, err)
	assert.Greater(t, len(words), 100)
	assert.Equal(t, lexicon.EvidenceStrict, words[norm.String("المدينة")])

	for _, bad := range []string{"word\n", "word\tfree\tx\n", "أ\tstrict\nا\tstrict\n"} {
		_, err := loadCommonWords([]byte(bad), norm)
		assert.Error(t, err, bad)
	}
}
