package events

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/khabar-ie/khabar/internal/clitic"
	"github.com/khabar-ie/khabar/internal/normalize"
	"github.com/khabar-ie/khabar/internal/segment"
)

func newLexicon(t *testing.T) (*Lexicon, *normalize.Normalizer) {
	t.Helper()
	norm := normalize.New(normalize.Options{})
	an, err := clitic.New(norm.String("ة"))
	require.NoError(t, err)
	l, err := New(norm, an)
	require.NoError(t, err)
	return l, norm
}

// find runs Find over one sentence and returns "type/sub_type[/label]
// modality" for each trigger.
func find(t *testing.T, l *Lexicon, norm *normalize.Normalizer, text string) []string {
	t.Helper()
	var m normalize.Mapped
	norm.AppendMapped(&m, []byte(text), 0)
	toks, _ := segment.Tokenize(nil, m.Text, 0, 0)
	var s Scratch
	var out []string
	for _, tr := range l.Find(nil, &s, m.Text, toks, nil) {
		k := tr.Kind.Type + "/" + tr.Kind.SubType
		if tr.Kind.Label != "" {
			k += "/" + tr.Kind.Label
		}
		out = append(out, k+" "+tr.Modality)
	}
	return out
}

// TestFind: inflected forms hit through the stem with its affixes, and
// proclitics are peeled; the cues before a trigger set its modality.
func TestFind(t *testing.T) {
	l, norm := newLexicon(t)
	tests := []struct {
		text string
		want []string
	}{
		{"اشتبكت الفصائل مع قوات النظام", []string{"battle/armed_clash asserted"}},
		{"وتصدوا للهجوم", []string{"battle/armed_clash asserted", "violence_against_civilians/attack asserted"}},
		{"بحسب المرصد، اندلعت اشتباكات عنيفة", []string{"battle/armed_clash reported"}},
		{"من المرجح أن تستمر المواجهات", []string{"battle/armed_clash hedged"}},
		{"نفى الجيش قصف المستشفى", []string{"explosion_remote_violence/shelling_artillery_missile_attack denied"}},
		{"هددت قوات النظام باقتحام المدينة", []string{"threat/threat threatened", "strategic_development/other/raid asserted"}},
		{"وصلت تعزيزات عسكرية إلى المدينة", []string{"strategic_development/other/reinforcement asserted"}},
		{"قال إن الطقس جميل اليوم", nil},
		{"ودعت الأمم المتحدة إلى وقف إطلاق النار", nil},
		{"وأُصيب ثلاثة مدنيين", []string{"violence_against_civilians/attack asserted"}},
		{"أصيب ثلاثة أشخاص يوم الجمعة جراء إعصار", nil},
		{"إيران قادرة على مواجهة التحديات والتصدي للإرهاب", nil},
		{"وناقش الوزراء الاتفاق النووي", nil},
		{"وتوصل الطرفان إلى تسوية", []string{"strategic_development/agreement asserted"}},
		{"بعد التوصل إلى اتفاق بين الطرفين", []string{"strategic_development/agreement asserted"}},
		{"لبحث الزيارة المرتقبة للملك", nil},
		{"ويحاول المبعوث التوصل إلى تسوية", nil},
		{"بسبب التهديدات بتفجير مدارس", nil},
		{"يتظاهرون بأن الاتفاق قائم", nil},
		{"وخرجت مظاهرات في المدينة", []string{"protest/peaceful_protest asserted"}},
		{"تمكنت من إسقاط الطائرات المسيرة", nil},
		{"محكمة مصرية تقضي بإعدام 75 شخصاً", nil},
		{"بعد أن حكم بإعدامه غيابياً", nil},
		{"احترام قواعد الاشتباك", nil},
		{"أعدم التنظيم ثلاثة رهائن", []string{"violence_against_civilians/attack asserted"}},
		{"ولد في منطقة أغارو بمدينة جيما", nil},
		{"شنت الطائرات غاراتها على المدينة", []string{"explosion_remote_violence/air_drone_strike asserted"}},
		{"وقال إن ذلك يهدد البشر", nil},
		{"وحذرت الولايات المتحدة من هجوم", []string{"threat/threat threatened", "violence_against_civilians/attack asserted"}},
		{"ويحتاج 700 شخص إلى إجلاء طبي عاجل", nil},
		{"وهددت تركيا بالرد ودعت إلى الحوار", []string{"threat/threat threatened"}},
		{"وقال إن قنبلة قد انفجرت في المبنى", []string{"explosion_remote_violence/remote_explosive_landmine_ied reported", "explosion_remote_violence/remote_explosive_landmine_ied reported"}}, // «قد» with a past verb asserts
		{"وقال إن القصف قد يكون استهدف المبنى", []string{"explosion_remote_violence/shelling_artillery_missile_attack reported", "explosion_remote_violence/shelling_artillery_missile_attack hedged"}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, find(t, l, norm, tt.text), tt.text)
	}
}

// TestNow: «حالياً» in a sentence marks its triggers as going on now.
func TestNow(t *testing.T) {
	l, norm := newLexicon(t)
	for text, want := range map[string]bool{
		"وتدور حالياً اشتباكات عنيفة عند أطراف المدينة": true,
		"ودارت اشتباكات عنيفة عند أطراف المدينة":        false,
	} {
		var m normalize.Mapped
		norm.AppendMapped(&m, []byte(text), 0)
		toks, _ := segment.Tokenize(nil, m.Text, 0, 0)
		var s Scratch
		trs := l.Find(nil, &s, m.Text, toks, nil)
		require.Len(t, trs, 1, text)
		assert.Equal(t, want, trs[0].Now, text)
	}
}

func kind(typ, sub, label string, pr int) *Kind {
	k := &Kind{Type: typ, SubType: sub, Label: label, Priority: pr}
	k.Family = family(k)
	return k
}

// TestAssemble: one event per family and sentence (the highest priority),
// what a threat governs is part of it, dates from the sentence, before it
// or the document, places most specific then most named, and mentions of
// one happening merged with the widest figures.
func TestAssemble(t *testing.T) {
	clash, attack := kind("battle", "armed_clash", "", 10), kind("violence_against_civilians", "attack", "", 3)
	threat, raid := kind("threat", "threat", "", 7), kind("strategic_development", "other", "raid", 4)
	cand := func(k *Kind, sentence, start int) Candidate {
		return Candidate{Trigger: Trigger{Kind: k, FirstToken: start, Modality: "asserted"}, Sentence: sentence, Start: start, End: start + 3}
	}
	ents := []Mention{
		{ID: "e1", Type: "PLACE", Subtype: "governorate", Name: "درعا", Sentence: 0, Start: 20, End: 24},
		{ID: "e2", Type: "PLACE", Subtype: "city", Name: "جاسم", Sentence: 0, Start: 30, End: 34},
		{ID: "e3", Type: "QUANTITY", Unit: "killed", Value: 10, Sentence: 0, Start: 40, End: 45, Text: "عشرة قتلى"},
		{ID: "e4", Type: "DATE", Date: "2022-07", Sentence: 1, Start: 60, End: 70},
		{ID: "e5", Type: "QUANTITY", Unit: "killed", Value: 13, Sentence: 2, Start: 95, End: 100, Text: "13 قتيلا"},
	}
	cands := []Candidate{
		cand(clash, 0, 0), cand(attack, 0, 36), // one violence event: the clash
		cand(threat, 1, 50), cand(raid, 1, 55), // the raid is what the threat threatens
		cand(clash, 2, 90), // the same clash again, with another figure
	}
	st := &State{DocDate: "2022-07-26"}
	evs := Assemble(cands, ents, st)
	require.Len(t, evs, 2)

	assert.Same(t, clash, evs[0].Kind)
	assert.Equal(t, "جاسم", evs[0].Place.Name, "the most specific place")
	assert.Equal(t, "document", evs[0].DateFrom, "a date merely preceding does not replace the document's")
	assert.Equal(t, 2, evs[0].Mentions, "the clash told again in sentence 2, undated, is the same clash")
	assert.Equal(t, int64(10), evs[0].Killed.Min)
	assert.Equal(t, int64(13), evs[0].Killed.Max, "the widest range, not a sum")

	assert.Same(t, threat, evs[1].Kind)
	assert.Equal(t, "sentence", evs[1].DateFrom)
	assert.Equal(t, "2022-07", evs[1].Date.Date)
	assert.Equal(t, "جاسم", evs[1].Place.Name, "a sentence without a place takes the last event's")

	// A weak trigger («قتل») without a figure in its sentence makes no
	// event; a date governs the undated sentence right after its own.
	weak := kind("violence_against_civilians", "attack", "", 3)
	weak.NeedsFigure = true
	evs = Assemble([]Candidate{cand(weak, 1, 50), cand(threat, 1, 52), cand(clash, 2, 90)}, ents[:4], &State{DocDate: "2022-07-26"})
	require.Len(t, evs, 2)
	assert.Same(t, threat, evs[0].Kind)
	assert.Equal(t, "preceding", evs[1].DateFrom)
	assert.Equal(t, "2022-07", evs[1].Date.Date)

	// An undated mention is about the days of the report: it does not
	// merge with the same kind of event dated months before.
	old := slices.Clone(ents)
	old[3].Date = "2021-10"
	evs = Assemble(cands, old, &State{DocDate: "2022-07-26"})
	require.Len(t, evs, 3)
	assert.Equal(t, "document", evs[0].DateFrom)
	assert.Equal(t, "2021-10", evs[2].Date.Date)

	// Without the dated sentence both clashes fall on the document's
	// date at the same place: one event, the widest figures.
	noDate := []Mention{ents[0], ents[1], ents[2], ents[4]}
	evs = Assemble([]Candidate{cand(clash, 0, 0), cand(clash, 2, 90)}, noDate, &State{DocDate: "2022-07-26"})
	require.Len(t, evs, 1)
	assert.Equal(t, 2, evs[0].Mentions)
	assert.Equal(t, int64(10), evs[0].Killed.Min)
	assert.Equal(t, int64(13), evs[0].Killed.Max, "the widest range, not a sum")
}

// TestNeedsPlace: a visit is an event only in a sentence that names a
// town-level place.
func TestNeedsPlace(t *testing.T) {
	visit := kind("strategic_development", "other", "visit", 2)
	visit.NeedsPlace = true
	c := Candidate{Trigger: Trigger{Kind: visit, Modality: "asserted"}, Sentence: 0, Start: 0, End: 3}
	country := []Mention{{ID: "e1", Type: "PLACE", Subtype: "country", Name: "سوريا", Sentence: 0, Start: 10, End: 14}}
	town := []Mention{{ID: "e1", Type: "PLACE", Subtype: "town", Name: "جاسم", Sentence: 0, Start: 10, End: 14}}
	assert.Empty(t, Assemble([]Candidate{c}, country, &State{DocDate: "2022-07-26"}))
	assert.Len(t, Assemble([]Candidate{c}, town, &State{DocDate: "2022-07-26"}), 1)
}

// TestFindWithFilter: the start masks of a filter over Keys let the same
// triggers through as no filter, through clitics and the fused لل.
func TestFindWithFilter(t *testing.T) {
	l, norm := newLexicon(t)
	for _, text := range []string{"وللاشتباكات أسباب", "بالاشتباكات العنيفة", "اشتبكت الفصائل", "وتصدوا للهجوم بعد القصف"} {
		var m normalize.Mapped
		norm.AppendMapped(&m, []byte(text), 0)
		toks, _ := segment.Tokenize(nil, m.Text, 0, 0)
		var s Scratch
		all := l.Find(nil, &s, m.Text, toks, nil)
		require.NotEmpty(t, all, text)
		masks := make([]uint32, len(toks))
		for i, tok := range toks {
			masks[i] = suffixMask(m.Text[tok.Start:tok.End], l.Keys())
		}
		assert.Equal(t, len(all), len(l.Find(nil, &s, m.Text, toks, masks)), text)
	}
}

// suffixMask marks the even byte offsets (two-byte letters) from which
// the word's suffix is one of keys: an exact stand-in for a key filter.
func suffixMask(w []byte, keys []string) uint32 {
	set := map[string]bool{}
	for _, k := range keys {
		set[k] = true
	}
	var m uint32
	for b := 0; b < len(w) && b < 32; b += 2 {
		if set[string(w[b:])] {
			m |= 1 << b
		}
	}
	return m
}

// TestForeignCapitalIsNoPlace: in a document about Syria, a sentence that
// names only a foreign capital (a government speaking) keeps the story's
// place.
func TestForeignCapitalIsNoPlace(t *testing.T) {
	clash := kind("battle", "armed_clash", "", 10)
	strike := kind("explosion_remote_violence", "air_drone_strike", "", 9)
	ents := []Mention{
		{ID: "e1", Type: "PLACE", Subtype: "city", Name: "جاسم", Admin: []string{"درعا", "سوريا"}, Sentence: 0, Start: 10, End: 14},
		{ID: "e3", Type: "PLACE", Subtype: "governorate", Name: "درعا", Admin: []string{"سوريا"}, Sentence: 0, Start: 16, End: 20},
		{ID: "e2", Type: "PLACE", Subtype: "capital", Name: "واشنطن", Admin: []string{"الولايات المتحدة"}, Sentence: 1, Start: 40, End: 46},
	}
	cands := []Candidate{
		{Trigger: Trigger{Kind: clash, Modality: "asserted"}, Sentence: 0, Start: 0, End: 3},
		{Trigger: Trigger{Kind: strike, FirstToken: 1, Modality: "asserted"}, Sentence: 1, Start: 30, End: 34},
	}
	evs := Assemble(cands, ents, &State{DocDate: "2022-07-26"})
	require.Len(t, evs, 2)
	assert.Equal(t, "جاسم", evs[1].Place.Name)

	// «قتل جراء غارة في اليمن»: the words put the event abroad.
	ents[2] = Mention{ID: "e2", Type: "PLACE", Subtype: "country", Name: "اليمن", Locative: true, Sentence: 1, Start: 40, End: 45}
	evs = Assemble(cands, ents, &State{DocDate: "2022-07-26"})
	require.Len(t, evs, 2)
	assert.Equal(t, "اليمن", evs[1].Place.Name)
}

// TestExactAndPlaceAfter: territory triggers are listed forms only («تسيطر»
// "controls" is a state, not a happening) and are kept only where a place
// follows closely.
func TestExactAndPlaceAfter(t *testing.T) {
	l, norm := newLexicon(t)
	assert.Equal(t, []string{"battle/non_state_actor_overtakes_territory asserted"}, find(t, l, norm, "وسيطرت الفصائل على البلدة"))
	assert.Empty(t, find(t, l, norm, "المناطق التي تسيطر عليها الفصائل"), "an inflection not listed is not a trigger")
	assert.Equal(t, []string{"strategic_development/other/evacuation asserted"}, find(t, l, norm, "بدأت عملية إجلاء المدنيين"))
	assert.Equal(t, []string{"strategic_development/looting_property_destruction asserted"}, find(t, l, norm, "وشهدت المدينة عمليات نهب واسعة"))

	take := kind("battle", "non_state_actor_overtakes_territory", "", 11)
	take.NeedsPlaceAfter = true
	c := Candidate{Trigger: Trigger{Kind: take, Modality: "asserted"}, Sentence: 0, Start: 0, End: 5}
	near := []Mention{{ID: "e1", Type: "PLACE", Subtype: "city", Name: "عفرين", Sentence: 0, Start: 17, End: 22}}
	far := []Mention{{ID: "e1", Type: "PLACE", Subtype: "city", Name: "عفرين", Sentence: 0, Start: 5 + placeAfterLimit + 1, End: 5 + placeAfterLimit + 6}}
	before := []Mention{{ID: "e1", Type: "PLACE", Subtype: "city", Name: "عفرين", Sentence: 0, Start: 0, End: 0}}
	assert.Len(t, Assemble([]Candidate{c}, near, &State{DocDate: "2022-07-26"}), 1)
	assert.Empty(t, Assemble([]Candidate{c}, far, &State{DocDate: "2022-07-26"}), "«سيطر على الأسلحة … في عفرين» takes no town")
	assert.Empty(t, Assemble([]Candidate{c}, before, &State{DocDate: "2022-07-26"}))
}

// TestDeathToll: a bare number shortly after a word counting the dead is
// the toll, widened by the counted figure of the same sentence («هو عشرة،
// … إلى 13 قتيلًا»); a year or a number far from the word is not.
func TestDeathToll(t *testing.T) {
	clash := kind("battle", "armed_clash", "", 10)
	deaths := kind("violence_against_civilians", "attack", "", 3)
	deaths.NeedsFigure, deaths.Deaths = true, true
	cand := func(k *Kind, start int) Candidate {
		return Candidate{Trigger: Trigger{Kind: k, Modality: "asserted"}, Start: start, End: start + 5}
	}
	cands := []Candidate{cand(deaths, 0), cand(clash, 20)}
	ents := []Mention{
		{Type: TypeNumber, Value: 10, Start: 30, End: 34, Text: "عشرة"},
		{Type: "QUANTITY", Unit: "killed", Value: 13, Start: 50, End: 59, Text: "13 قتيلا"},
	}
	evs := Assemble(cands, ents, &State{DocDate: "2022-07-26"})
	require.Len(t, evs, 1)
	require.NotNil(t, evs[0].Killed)
	assert.Equal(t, int64(10), evs[0].Killed.Min)
	assert.Equal(t, int64(13), evs[0].Killed.Max)
	assert.Equal(t, [][2]int{{30, 34}, {50, 59}}, evs[0].Killed.Spans)

	for _, far := range []Mention{
		{Type: TypeNumber, Value: 2021, Start: 10, End: 14, Text: "2021"},
		{Type: TypeNumber, Value: 7, Start: 5 + tollLimit + 1, End: 5 + tollLimit + 2, Text: "7"},
	} {
		evs := Assemble(cands, []Mention{far}, &State{DocDate: "2022-07-26"})
		require.Len(t, evs, 1, far.Text)
		assert.Nil(t, evs[0].Killed, far.Text)
	}
}

// TestKindsAcrossRows: two rows of one sub type make one kind of event, so
// their mentions merge.
func TestKindsAcrossRows(t *testing.T) {
	a, b := kind("violence_against_civilians", "attack", "", 3), kind("violence_against_civilians", "attack", "", 3)
	cands := []Candidate{
		{Trigger: Trigger{Kind: a, Modality: "asserted"}, Sentence: 0, Start: 0, End: 4},
		{Trigger: Trigger{Kind: b, Modality: "asserted"}, Sentence: 1, Start: 30, End: 34},
	}
	evs := Assemble(cands, nil, &State{DocDate: "2022-07-26"})
	require.Len(t, evs, 1)
	assert.Equal(t, 2, evs[0].Mentions)
	require.Len(t, evs[0].Merged, 1)
	assert.Equal(t, 30, evs[0].Merged[0].Start)
}

// TestLocativePlace: below country level, a place the words put the event
// in («في ريف دير الزور») wins over a more specific one that names a
// government («التي تسوقها دمشق»); «في سوريا» does not win over a town.
func TestLocativePlace(t *testing.T) {
	strike := kind("explosion_remote_violence", "air_drone_strike", "", 9)
	c := Candidate{Trigger: Trigger{Kind: strike, Modality: "asserted"}, Sentence: 0, Start: 0, End: 5}
	ents := []Mention{
		{ID: "e1", Type: "PLACE", Subtype: "governorate", Name: "دير الزور", Admin: []string{"سوريا"}, Locative: true, Sentence: 0, Start: 20, End: 29},
		{ID: "e2", Type: "PLACE", Subtype: "city", Name: "دمشق", Admin: []string{"دمشق", "سوريا"}, Sentence: 0, Start: 60, End: 64},
	}
	evs := Assemble([]Candidate{c}, ents, &State{DocDate: "2018-06-18"})
	require.Len(t, evs, 1)
	assert.Equal(t, "دير الزور", evs[0].Place.Name)

	ents = []Mention{
		{ID: "e1", Type: "PLACE", Subtype: "country", Name: "سوريا", Locative: true, Sentence: 0, Start: 20, End: 25},
		{ID: "e2", Type: "PLACE", Subtype: "town", Name: "مصياف", Admin: []string{"حماة", "سوريا"}, Sentence: 0, Start: 40, End: 45},
	}
	evs = Assemble([]Candidate{c}, ents, &State{DocDate: "2018-06-18"})
	require.Len(t, evs, 1)
	assert.Equal(t, "مصياف", evs[0].Place.Name)
}

// TestSource: who reports, right after a reporting cue («أفاد ناشطون»,
// «قالت مصادر محلية»), is the trigger's source, not an actor.
func TestSource(t *testing.T) {
	l, norm := newLexicon(t)
	for _, tt := range []struct{ text, source, actor string }{
		{"أفاد ناشطون أن تعزيزات عسكرية وصلت", "ناشطون", ""},
		{"قالت مصادر محلية إن اشتباكات اندلعت", "مصادر محلية", ""},
		{"اعتقلت قوات الأمن ناشطين في المدينة", "", ""},
		{"تصدى مقاتلون محليون لدورية", "", "مقاتلون محليون"},
	} {
		var m normalize.Mapped
		norm.AppendMapped(&m, []byte(tt.text), 0)
		toks, _ := segment.Tokenize(nil, m.Text, 0, 0)
		var s Scratch
		trs := l.Find(nil, &s, m.Text, toks, nil)
		require.NotEmpty(t, trs, tt.text)
		assert.Equal(t, norm.String(tt.source), trs[0].Source, "%s: found in the normalized text", tt.text)
		assert.Equal(t, norm.String(tt.actor), trs[0].Actor, tt.text)
	}
}

// TestRecent: the week before the document's date, at any precision.
func TestRecent(t *testing.T) {
	for value, want := range map[string]bool{
		"2022-07-26": true, "2022-07-19": true, "2022-07-18": false,
		"2022-07": true, "2022-06": false, "2022": true, "2021": false,
		"2022-06-01/2022-07-20": true, "2022-01-01/2022-03-01": false,
		"2022-W30": false, "": false,
	} {
		assert.Equal(t, want, recent(value, "2022-07-26"), value)
	}
}

// TestFigureParts: parts joined by «و» add up, a subset («بينهم») is no
// second figure, the wounded are counted after a word that says so, and a
// war's toll is no event's.
func TestFigureParts(t *testing.T) {
	clash := kind("battle", "armed_clash", "", 10)
	deaths := kind("violence_against_civilians", "attack", "", 3)
	deaths.NeedsFigure, deaths.Deaths = true, true
	injuries := kind("violence_against_civilians", "attack", "", 2)
	injuries.NeedsFigure, injuries.Injuries = true, true
	cand := func(k *Kind, start int) Candidate {
		return Candidate{Trigger: Trigger{Kind: k, Modality: "asserted"}, Start: start, End: start + 5}
	}
	assemble := func(cands []Candidate, ents []Mention) []Event {
		t.Helper()
		return Assemble(cands, ents, &State{DocDate: "2022-07-26"})
	}

	// «اشتباكات … بمقتل 25 جهادياً وسبعة من المقاتلين»
	evs := assemble([]Candidate{cand(clash, 0), cand(deaths, 10)}, []Mention{
		{Type: TypeNumber, Value: 25, Start: 16, End: 18, Text: "25"},
		{Type: TypeNumber, Value: 7, Start: 27, End: 32, Text: "وسبعة", Conj: true},
	})
	require.Len(t, evs, 1)
	require.NotNil(t, evs[0].Killed)
	assert.Equal(t, [2]int64{32, 32}, [2]int64{evs[0].Killed.Min, evs[0].Killed.Max})

	// «مقتل 43 مدنياً في عفرين، بينهم 16 مدنياً»
	evs = assemble([]Candidate{cand(deaths, 0)}, []Mention{
		{Type: "QUANTITY", Unit: "civilian", Value: 43, Start: 6, End: 15, Text: "43 مدنياً"},
		{Type: TypeSubset, Start: 25, End: 30},
		{Type: "QUANTITY", Unit: "civilian", Value: 16, Start: 31, End: 40, Text: "16 مدنياً"},
	})
	require.Len(t, evs, 1)
	assert.Equal(t, [2]int64{43, 43}, [2]int64{evs[0].Killed.Min, evs[0].Killed.Max})
	assert.True(t, evs[0].Killed.Civilian)

	// «أصيب ثلاثة مدنيين» wounds; «نزوح 200 ألف مدني» neither kills nor
	// wounds.
	evs = assemble([]Candidate{cand(clash, 0), cand(injuries, 10)}, []Mention{
		{Type: "QUANTITY", Unit: "civilian", Value: 3, Start: 16, End: 27, Text: "ثلاثة مدنيين"},
	})
	require.Len(t, evs, 1)
	assert.Nil(t, evs[0].Killed)
	require.NotNil(t, evs[0].Injured)
	assert.Equal(t, int64(3), evs[0].Injured.Min)
	// «وأصيبت ثلاث أخرى»: a bare number after a word for the wounded
	// counts vehicles as often as people.
	evs = assemble([]Candidate{cand(clash, 0), cand(injuries, 10)}, []Mention{
		{Type: TypeNumber, Value: 3, Start: 16, End: 20, Text: "ثلاث"},
	})
	require.Len(t, evs, 1)
	assert.Nil(t, evs[0].Injured)
	evs = assemble([]Candidate{cand(clash, 0)}, []Mention{
		{Type: "QUANTITY", Unit: "civilian", Value: 200000, Start: 10, End: 22, Text: "200 ألف مدني"},
	})
	require.Len(t, evs, 1)
	assert.Nil(t, evs[0].Killed)

	// «ما أدى إلى مقتل أكثر من 350 ألف شخص»: a war's toll, so the weak
	// trigger makes no event.
	evs = assemble([]Candidate{cand(deaths, 0)}, []Mention{
		{Type: "QUANTITY", Unit: "person", Value: 350000, Start: 14, End: 26, Text: "350 ألف شخص"},
	})
	assert.Empty(t, evs)
}

// TestVerbSubject: after a verb trigger the organization right after it
// is its subject, actor1 («سيطر تنظيم داعش على تدمر»); after a noun the
// organization before it is.
func TestVerbSubject(t *testing.T) {
	take := kind("battle", "non_state_actor_overtakes_territory", "", 11)
	ents := []Mention{
		{ID: "e1", Type: "ORG", Subtype: "armed_forces", Name: "الجيش السوري", Sentence: 0, Start: 0, End: 12},
		{ID: "e2", Type: "ORG", Subtype: "armed_group", Name: "داعش", Sentence: 0, Start: 30, End: 34},
		{ID: "e3", Type: "PLACE", Subtype: "city", Name: "تدمر", Sentence: 0, Start: 38, End: 42},
	}
	verb := Candidate{Trigger: Trigger{Kind: take, Modality: "asserted", Verb: true}, Start: 20, End: 24}
	evs := Assemble([]Candidate{verb}, ents, &State{DocDate: "2015-05-21"})
	require.Len(t, evs, 1)
	require.Len(t, evs[0].Actors, 2)
	assert.Equal(t, "داعش", evs[0].Actors[0].Name, "the verb's subject acted")
	assert.Equal(t, "actor1", evs[0].Actors[0].Role)
	assert.Equal(t, "الجيش السوري", evs[0].Actors[1].Name)

	noun := verb
	noun.Verb = false
	evs = Assemble([]Candidate{noun}, ents, &State{DocDate: "2015-05-21"})
	require.Len(t, evs, 1)
	assert.Equal(t, "الجيش السوري", evs[0].Actors[0].Name)
}

// TestGoverns: a warning is a threat only where it warns of something a
// trigger names after it.
func TestGoverns(t *testing.T) {
	warn := kind("threat", "threat", "", 7)
	warn.Governs = true
	raid := kind("strategic_development", "other", "raid", 4)
	w := Candidate{Trigger: Trigger{Kind: warn, FirstToken: 0, LastToken: 0, Modality: "threatened"}, Start: 0, End: 4}
	r := Candidate{Trigger: Trigger{Kind: raid, FirstToken: 5, LastToken: 5, Modality: "asserted"}, Start: 30, End: 36}
	evs := Assemble([]Candidate{w, r}, nil, &State{DocDate: "2018-09-12"})
	require.Len(t, evs, 1)
	assert.Same(t, warn, evs[0].Kind, "the warning governs the raid")
	assert.Empty(t, Assemble([]Candidate{w}, nil, &State{DocDate: "2018-09-12"}), "a warning of rain is no threat")
}

// TestAttributedIsReported: an event whose sentence names the outlet it
// comes from after the trigger («…، بحسب عنب بلدي») is reported.
func TestAttributedIsReported(t *testing.T) {
	clash := kind("battle", "armed_clash", "", 10)
	c := Candidate{Trigger: Trigger{Kind: clash, Modality: "asserted"}, Start: 0, End: 8}
	outlet := []Mention{{ID: "e1", Type: "ORG", Subtype: "media", Name: "عنب بلدي", Start: 40, End: 48}}
	evs := Assemble([]Candidate{c}, outlet, &State{DocDate: "2022-07-26"})
	require.Len(t, evs, 1)
	assert.Equal(t, "reported", evs[0].Modality)
	require.NotNil(t, evs[0].Attribution)
	assert.Equal(t, "عنب بلدي", evs[0].Attribution.Name)
	evs = Assemble([]Candidate{c}, nil, &State{DocDate: "2022-07-26"})
	require.Len(t, evs, 1)
	assert.Equal(t, "asserted", evs[0].Modality)
}
