package lexicon

import (
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/khabar-ie/khabar/internal/clitic"
	"github.com/khabar-ie/khabar/internal/normalize"
	"github.com/khabar-ie/khabar/internal/segment"
)

func tools(t *testing.T) (*normalize.Normalizer, *clitic.Analyzer) {
	t.Helper()
	an, err := clitic.New("ه")
	require.NoError(t, err)
	return normalize.New(normalize.Options{}), an
}

// build parses rows (after the header "id type name aliases rank") and
// compiles them.
func build(t *testing.T, rows ...[]string) *Lexicon {
	t.Helper()
	entries, err := Parse(strings.NewReader(tsv(append([][]string{row("id", "type", "name", "aliases", "rank")}, rows...)...)), "test.tsv")
	require.NoError(t, err)
	norm, an := tools(t)
	lex, err := Build(entries, norm, an)
	require.NoError(t, err)
	return lex
}

// walk follows already-keyed tokens from the root and returns the node
// reached, or false if the path is not in the trie.
func walk(l *Lexicon, keys ...string) (int32, bool) {
	node := Root
	for _, k := range keys {
		id, ok := l.Token([]byte(k))
		if !ok {
			return 0, false
		}
		if node, ok = l.Step(node, id); !ok {
			return 0, false
		}
	}
	return node, true
}

// finals returns the ids of the entries whose names end after keys, with
// "+art" for matches whose first token carried the article.
func finals(l *Lexicon, keys ...string) []string {
	node, ok := walk(l, keys...)
	if !ok {
		return nil
	}
	var out []string
	for _, m := range l.Final(node) {
		s := l.Entries()[m.Entry].ID
		if m.Article {
			s += "+art"
		}
		out = append(out, s)
	}
	return out
}

func TestBuildKeysNames(t *testing.T) {
	lex := build(t,
		row("SY12", "PLACE", "درعا"),
		row("SY1202", "PLACE", "الصنمين"),
		row("SY03", "PLACE", "ريف دمشق"),
		row("SY01", "PLACE", "دمشق"),
		row("ORG-FORCES", "ORG", "قوات النظام"),
		row("ORG-GOV", "ORG", "النظام السوري"),
		row("ORG-MP", "ORG", "الشرطة العسكرية الروسية"),
		row("ORG-24", "ORG", "درعا 24"),
		row("ORG-UN", "ORG", "UN"),
	)
	tests := []struct {
		name string
		keys []string
		want []string // nil: the path ends nowhere or is absent
	}{
		{"bare one-token name", []string{"درعا"}, []string{"SY12"}},
		{"article name is keyed without it", []string{"صنمين"}, []string{"SY1202+art"}},
		{"article name is not keyed with it", []string{"الصنمين"}, nil},
		{"two tokens", []string{"ريف", "دمشق"}, []string{"SY03"}},
		{"prefix of a name is not final", []string{"ريف"}, nil},
		{"a name inside another still has its own path", []string{"دمشق"}, []string{"SY01"}},
		{"later tokens keep their article", []string{"قوات", "النظام"}, []string{"ORG-FORCES"}},
		{"later tokens are not stripped", []string{"قوات", "نظام"}, nil},
		{"article name of two tokens", []string{"نظام", "السوري"}, []string{"ORG-GOV+art"}},
		{"three tokens, ta marbuta folded", []string{"شرطه", "العسكريه", "الروسيه"}, []string{"ORG-MP+art"}},
		{"two of three tokens", []string{"شرطه", "العسكريه"}, nil},
		{"number token", []string{"درعا", "24"}, []string{"ORG-24"}},
		{"latin token", []string{"UN"}, []string{"ORG-UN"}},
		{"unknown token", []string{"حلب"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, finals(lex, tt.keys...))
		})
	}
}

func TestBuildNormalizesNames(t *testing.T) {
	// Names as written in a gazetteer file, with hamza, ta marbuta,
	// diacritics, tatweel and alef maksura, must be found under the keys
	// normalized document text produces.
	lex := build(t,
		row("SY1203", "PLACE", "إزرع"),
		row("SY14", "PLACE", "القُنَيْطِرَة"),
		row("X1", "PLACE", "دَرْعـــا"),
		row("X2", "ORG", "مؤسسة الأمم"),
		row("X3", "PLACE", "المنى"),
	)
	norm, _ := tools(t)
	key := func(s string) string { return norm.String(s) }
	assert.Equal(t, []string{"SY1203"}, finals(lex, key("ازرع")))
	assert.Equal(t, []string{"SY1203"}, finals(lex, key("أزرع")))
	assert.Equal(t, []string{"SY14+art"}, finals(lex, key("قنيطرة")))
	assert.Equal(t, []string{"X1"}, finals(lex, "درعا"))
	assert.Equal(t, []string{"X2"}, finals(lex, key("مؤسسة"), key("الامم")))
	assert.Equal(t, []string{"X3+art"}, finals(lex, key("منى")))
	// The raw spellings are not keys.
	_, ok := lex.Token([]byte("إزرع"))
	assert.False(t, ok)
	_, ok = lex.Token([]byte("قنيطرة"))
	assert.False(t, ok)
}

func TestBuildMatchFields(t *testing.T) {
	lex := build(t,
		row("A", "PLACE", "الصنمين", "صنمين|مدينة الصنمين"),
		row("B", "PLACE", "درعا", "درعا البلد|دَرعا"),
	)
	node, ok := walk(lex, "صنمين")
	require.True(t, ok)
	assert.Equal(t, []Match{{Entry: 0, Article: true, Alias: 0}, {Entry: 0, Article: false, Alias: 1}}, lex.Final(node),
		"the same key with and without the article are two matches")

	node, ok = walk(lex, "مدينه", "الصنمين")
	require.True(t, ok)
	assert.Equal(t, []Match{{Entry: 0, Article: false, Alias: 2}}, lex.Final(node))

	node, ok = walk(lex, "درعا")
	require.True(t, ok)
	assert.Equal(t, []Match{{Entry: 1, Article: false, Alias: 0}}, lex.Final(node),
		"an alias equal to the name after normalization adds nothing")

	node, ok = walk(lex, "درعا", "البلد")
	require.True(t, ok)
	assert.Equal(t, []Match{{Entry: 1, Alias: 1}}, lex.Final(node))
}

func TestBuildSharedName(t *testing.T) {
	lex := build(t,
		row("SY12", "PLACE", "درعا", "", "1"),
		row("C5993", "PLACE", "درعا", "", "0"),
		row("ORG", "ORG", "درعا"),
	)
	assert.Equal(t, []string{"SY12", "C5993", "ORG"}, finals(lex, "درعا"), "all entries, in definition order")
}

func TestBuildQuotesAreNotPartOfTheKey(t *testing.T) {
	lex := build(t,
		row("ISIS", "ORG", "تنظيم “الدولة”"),
		row("GID", "ORG", "«أمن الدولة»"),
	)
	assert.Equal(t, []string{"ISIS"}, finals(lex, "تنظيم", "الدوله"))
	assert.Equal(t, []string{"GID"}, finals(lex, "امن", "الدوله"))
	for _, q := range []string{"“", "”", "«", "»"} {
		_, ok := lex.Token([]byte(q))
		assert.False(t, ok, "%s is not a token", q)
	}
}

func TestBuildArticleNeedsALongEnoughStem(t *testing.T) {
	// ال + one letter is not split: there would be no stem left.
	lex := build(t,
		row("A", "PLACE", "الف"),
		row("B", "PLACE", "الباب"),
	)
	assert.Equal(t, []string{"A"}, finals(lex, "الف"))
	assert.True(t, lex.IsBareName([]byte("الف")))
	assert.Equal(t, []string{"B+art"}, finals(lex, "باب"))
}

func TestIsBareName(t *testing.T) {
	lex := build(t,
		row("LB", "PLACE", "لبنان"),
		row("BG", "PLACE", "بَغداد"),
		row("S", "PLACE", "الصنمين"),
		row("RD", "PLACE", "ريف دمشق"),
		row("GOV", "ORG", "النظام السوري"),
		row("UN", "ORG", "UN"),
	)
	tests := []struct {
		word string
		want bool
	}{
		{"لبنان", true},
		{"بغداد", true},
		{"ريف", true}, // first token of a bare multi-token name
		{"دمشق", false},
		{"صنمين", false},
		{"الصنمين", false},
		{"نظام", false},
		{"النظام", false},
		{"السوري", false},
		{"UN", false}, // only Arabic words are split by clitic analysis
		{"ولبنان", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			assert.Equal(t, tt.want, lex.IsBareName([]byte(tt.word)))
		})
	}
}

func TestBuildDuplicateID(t *testing.T) {
	norm, an := tools(t)
	a, err := Parse(strings.NewReader(tsv(row("id", "type", "name"), row("X", "PLACE", "درعا"), row("SY12", "PLACE", "درعا"))), "a.tsv")
	require.NoError(t, err)
	b, err := Parse(strings.NewReader(tsv(row("id", "type", "name"), row("# c"), row("Y", "ORG", "سانا"), row("SY12", "PLACE", "حلب"))), "b.tsv")
	require.NoError(t, err)
	lex, err := Build(append(a, b...), norm, an)
	require.Error(t, err)
	assert.Nil(t, lex)
	assert.Contains(t, err.Error(), "b.tsv:4")
	assert.Contains(t, err.Error(), "a.tsv:3")
	assert.Contains(t, err.Error(), "SY12")
	assert.True(t, strings.HasPrefix(err.Error(), "b.tsv:4:"), "the later definition is the one reported: %v", err)
}

func TestBuildNameWithoutLetters(t *testing.T) {
	norm, an := tools(t)
	for _, name := range []string{"!!!", "“”", "-", "\u064e\u064f", "ـــ"} {
		t.Run(name, func(t *testing.T) {
			entries := []Entry{{ID: "OK", Type: "PLACE", Name: "درعا", Source: "g:2"}, {ID: "BAD", Type: "PLACE", Name: name, Source: "g:3"}}
			lex, err := Build(entries, norm, an)
			require.Error(t, err)
			assert.Nil(t, lex)
			assert.Contains(t, err.Error(), "g:3")
			assert.Contains(t, err.Error(), "BAD")
		})
	}
	t.Run("in an alias", func(t *testing.T) {
		_, err := Build([]Entry{{ID: "A", Type: "PLACE", Name: "درعا", Aliases: []string{"..."}, Source: "g:5"}}, norm, an)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "g:5")
		assert.Contains(t, err.Error(), `"..."`)
	})
	t.Run("digits are enough", func(t *testing.T) {
		lex, err := Build([]Entry{{ID: "N", Type: "ORG", Name: "24", Source: "g:5"}}, norm, an)
		require.NoError(t, err)
		assert.Equal(t, []string{"N"}, finals(lex, "24"))
	})
}

func TestEntryLookup(t *testing.T) {
	lex := build(t,
		row("SY12", "PLACE", "درعا", "", "3"),
		row("ORG-SANA", "ORG", "سانا"),
	)
	e, ok := lex.Entry("ORG-SANA")
	require.True(t, ok)
	assert.Equal(t, "سانا", e.Name)
	assert.Equal(t, "ORG", e.Type)
	assert.Equal(t, "test.tsv:3", e.Source)
	assert.Same(t, &lex.Entries()[1], e, "Entry points into Entries")

	e, ok = lex.Entry("SY12")
	require.True(t, ok)
	assert.Equal(t, 3, e.Rank)

	e, ok = lex.Entry("sy12")
	assert.False(t, ok, "ids are case-sensitive")
	assert.Nil(t, e)
	_, ok = lex.Entry("")
	assert.False(t, ok)
}

func TestSize(t *testing.T) {
	lex := build(t,
		row("A", "PLACE", "ريف دمشق"),
		row("B", "PLACE", "دمشق"),
		row("C", "PLACE", "ريف حلب", "ريف دمشق"),
	)
	entries, nodes := lex.Size()
	assert.Equal(t, 3, entries)
	// root, ريف, ريف→دمشق, دمشق, ريف→حلب
	assert.Equal(t, 5, nodes)
	assert.Equal(t, []string{"A", "C"}, finals(lex, "ريف", "دمشق"))

	empty, err := Build(nil, normalize.New(normalize.Options{}), mustAnalyzer(t))
	require.NoError(t, err)
	entries, nodes = empty.Size()
	assert.Equal(t, 0, entries)
	assert.Equal(t, 1, nodes)
	assert.Empty(t, empty.Final(Root))
	_, ok := empty.Token([]byte("درعا"))
	assert.False(t, ok)
}

func mustAnalyzer(t *testing.T) *clitic.Analyzer {
	_, an := tools(t)
	return an
}

func TestStepUnknownEdge(t *testing.T) {
	lex := build(t, row("A", "PLACE", "ريف دمشق"), row("B", "PLACE", "حلب"))
	rif, ok := lex.Token([]byte("ريف"))
	require.True(t, ok)
	halab, ok := lex.Token([]byte("حلب"))
	require.True(t, ok)
	n, ok := lex.Step(Root, rif)
	require.True(t, ok)
	_, ok = lex.Step(n, halab)
	assert.False(t, ok, "ريف حلب is not a name")
	_, ok = lex.Step(Root, 9999)
	assert.False(t, ok)
}

// Names are tokenized exactly like document text: a name keyed by Build is
// found by walking the tokens segment produces for the same text.
func TestBuildAgreesWithSegment(t *testing.T) {
	names := []string{"ريف دمشق الغربي", "درعا 24", "هيئة تحرير الشام", "قوات سوريا الديمقراطية"}
	var rows [][]string
	for i, n := range names {
		rows = append(rows, row(string(rune('A'+i)), "ORG", n))
	}
	lex := build(t, rows...)
	norm, an := tools(t)
	for i, n := range names {
		text := norm.AppendString(nil, n)
		toks, _ := segment.Tokenize(nil, text, 0, 0)
		var keys []string
		for j, tok := range toks {
			w := text[tok.Start:tok.End]
			if j == 0 {
				w, _ = an.SplitArticle(w)
			}
			keys = append(keys, string(w))
		}
		node, ok := walk(lex, keys...)
		require.True(t, ok, n)
		require.Len(t, lex.Final(node), 1)
		assert.Equal(t, int32(i), lex.Final(node)[0].Entry)
	}
}

func TestLexiconConcurrentReads(t *testing.T) {
	lex := build(t, row("A", "PLACE", "ريف دمشق"), row("B", "PLACE", "الصنمين"))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				assert.Equal(t, []string{"A"}, finals(lex, "ريف", "دمشق"))
				assert.Equal(t, []string{"B+art"}, finals(lex, "صنمين"))
				assert.True(t, lex.IsBareName([]byte("ريف")))
				_, ok := lex.Entry("B")
				assert.True(t, ok)
			}
		})
	}
	wg.Wait()
}

func TestMayStartName(t *testing.T) {
	lex := build(t,
		row("SY12", "PLACE", "درعا"),
		row("SY1202", "PLACE", "الصنمين"),
		row("GOV", "ORG", "النظام السوري"),
		row("RIF", "PLACE", "ريف دمشق"),
		row("SD", "ORG", "سد"),
		row("RS", "PLACE", "الرس"),
		row("N", "ORG", "24"),
		row("UN", "ORG", "UN"),
		row("X", "ORG", "UNICEF"),
		row("AB", "ORG", "آب"), // only proclitic letters once normalized (اب)
	)
	norm, _ := tools(t)
	// Every form a name's first token takes in text, whatever its
	// proclitics, must pass: the filter may not lose a name.
	for _, w := range []string{
		"درعا", "بدرعا", "ودرعا", "وبدرعا", "لدرعا",
		"الصنمين", "والصنمين", "بالصنمين", "للصنمين", "صنمين",
		"النظام", "للنظام", "وللنظام",
		"ريف", "بريف", "وريف",
		"سد", "بسد", "وسد",
		"الرس", "بالرس", "للرس",
		"24", "UN", "UNICEF",
		"آب", "وآب", "بآب",
	} {
		assert.True(t, lex.MayStartName([]byte(norm.String(w))), w)
	}
	// Later tokens of names are not first tokens; unrelated words are
	// (for these, deterministically) filtered out.
	rejected := 0
	unrelated := []string{"قصف", "مدينه", "قالت", "الجيش", "حلب", "دمشق", "السوري", "اشتباكات", "عناصر", "مقتل"}
	for _, w := range unrelated {
		if !lex.MayStartName([]byte(w)) {
			rejected++
		}
	}
	assert.GreaterOrEqual(t, rejected, len(unrelated)-1, "the filter lets few unrelated words through")

	// StartMasks marks where the key starts, for the names and for an
	// extra filter alike.
	extra := NewKeyFilter([]string{"عام", "العام", "لعام"})
	names, other := lex.StartMasks([]byte(norm.String("للعام")), extra)
	assert.Zero(t, names)
	assert.NotZero(t, other&(1<<2), "لعام after the first ل")
	assert.NotZero(t, other&(1<<4), "عام after لل")
	names, _ = lex.StartMasks([]byte(norm.String("بدرعا")), nil)
	assert.Equal(t, uint32(1<<2), names&(1<<2), "درعا after ب")
}

func TestParents(t *testing.T) {
	norm, an := tools(t)
	entries, err := Parse(strings.NewReader("id\ttype\tname\tparent\nSY\tPLACE\tسوريا\t\nSY12\tPLACE\tدرعا\tSY\nC6111\tPLACE\tجاسم\tSY12\n"), "g.tsv")
	require.NoError(t, err)
	lex, err := Build(entries, norm, an)
	require.NoError(t, err)
	i, ok := lex.Index("C6111")
	require.True(t, ok)
	var chain []string
	for p := lex.Parent(i); p >= 0; p = lex.Parent(p) {
		chain = append(chain, lex.Entries()[p].ID)
	}
	assert.Equal(t, []string{"SY12", "SY"}, chain)
}

func TestParentErrors(t *testing.T) {
	norm, an := tools(t)
	for _, tc := range []struct {
		name, file, want string
	}{
		{"unknown", "id\ttype\tname\tparent\nA\tPLACE\tا ب\tNOPE\n", "g.tsv:2: parent NOPE of A is not defined"},
		{"self", "id\ttype\tname\tparent\nA\tPLACE\tا ب\tA\n", "g.tsv:2: the parents of A form a cycle"},
		{"cycle", "id\ttype\tname\tparent\nA\tPLACE\tا ب\tB\nB\tPLACE\tب ت\tA\n", "form a cycle"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			entries, err := Parse(strings.NewReader(tc.file), "g.tsv")
			require.NoError(t, err)
			_, err = Build(entries, norm, an)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestMatchColumn(t *testing.T) {
	in := "id\ttype\tname\tmatch\nA\tPLACE\tالرقة\tcue|article\nB\tPLACE\tب\t STRICT \nC\tPLACE\tج\t\n"
	got, err := Parse(strings.NewReader(in), "g.tsv")
	require.NoError(t, err)
	assert.Equal(t, EvidenceCue, got[0].Evidence)
	assert.True(t, got[0].ArticleOptional)
	assert.Equal(t, EvidenceStrict, got[1].Evidence)
	assert.Equal(t, EvidenceDefault, got[2].Evidence)

	for _, bad := range []string{"free|strict", "sometimes"} {
		_, err := Parse(strings.NewReader("id\ttype\tname\tmatch\nA\tPLACE\tا\t"+bad+"\n"), "g.tsv")
		require.Error(t, err, bad)
		assert.Contains(t, err.Error(), "g.tsv:2: entry A: match")
	}
}

// TestArticleOptional: an "article" entry matches with and without the
// article; others only as written.
func TestArticleOptional(t *testing.T) {
	norm, an := tools(t)
	in := "id\ttype\tname\tmatch\nQ\tPLACE\tالقامشلي\tarticle\nR\tPLACE\tالرقة\t\n"
	entries, err := Parse(strings.NewReader(in), "g.tsv")
	require.NoError(t, err)
	lex, err := Build(entries, norm, an)
	require.NoError(t, err)
	find := func(s string) []string {
		var ids []string
		for _, m := range lex.Find([]byte(norm.String(s)), an) {
			ids = append(ids, lex.Entries()[m.Entry].ID)
		}
		return ids
	}
	assert.Equal(t, []string{"Q"}, find("القامشلي"))
	assert.Equal(t, []string{"Q"}, find("قامشلي"))
	assert.Equal(t, []string{"R"}, find("الرقة"))
	assert.Empty(t, find("رقة"))
	assert.Empty(t, find("الرقة الجديدة"), "a longer text is not the name")
}
