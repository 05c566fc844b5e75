package events

import (
	"slices"
	"sort"
	"strings"
	"time"
)

// ContextLimit is the most code points of a trigger's sentence an event
// keeps as its context.
const ContextLimit = 300

// TypeNumber is the type of a bare number given to Assemble as a possible
// figure: not an entity of its own.
const TypeNumber = "NUMBER"

// TypeSource is the type of an attribution no entity names («ناشطون»).
const TypeSource = "SOURCE"

// TypeSubset marks a word that makes the figure after it part of another
// («بينهم», «منهم»): not an entity.
const TypeSubset = "SUBSET"

// peopleLimit is how close after a word counting the dead or wounded
// people counted must start to be them («بمقتل أكثر من 930 مدنيا»).
const peopleLimit = 16

// tollLimit is how close after a word counting the dead a bare number
// must start to be the toll (code points: «لقتلى النظام خلال المواجهات هو
// عشرة»).
const tollLimit = 40

// Mention is an entity of the document as Assemble sees it.
type Mention struct {
	// Ref is the caller's index of the entity (its record).
	Ref           int
	ID            string
	Type, Subtype string
	Sentence      int
	Start, End    int    // original code points
	Text          string // as written
	Name          string // the canonical name, else the text
	// Entry is the gazetteer index of the entity, -1 for rule-made ones.
	Entry int32
	// Date is a DATE's value as records write it.
	Date string
	// Unit and Value are a QUANTITY's.
	Unit  string
	Value int64
	// Admin names the places (or organizations) enclosing the entity.
	Admin []string
	// Conj is set when the conjunction و is glued to the mention («وسبعة»).
	Conj bool
	// Locative is set when the words before a place put something there
	// (في، قرب، بـ، a head noun, a compass word): «تسوقها دمشق» names a
	// government, «في دمشق» a place.
	Locative bool
}

// Candidate is a trigger found in a sentence, mapped to the original text.
type Candidate struct {
	Trigger
	Sentence           int
	Start, End         int // original code points of the trigger
	Text               string
	SentStart, SentEnd int // the sentence, original code points
	// Context is the trigger's sentence as written, cut to at most
	// ContextLimit code points around the trigger at word boundaries:
	// the original's [ContextStart, ContextEnd).
	Context                  string
	ContextStart, ContextEnd int
	// ActorText is the description of an actor around the trigger, as
	// written, at original code points [ActorOrigS, ActorOrigE).
	ActorText              string
	ActorOrigS, ActorOrigE int
	// SourceText is who reports the trigger («ناشطون»), as written, at
	// original code points [SourceOrigS, SourceOrigE).
	SourceText               string
	SourceOrigS, SourceOrigE int
}

// State is what a document's assembly carries from one window to the
// next.
type State struct {
	// DocDate is the document's reference date (YYYY-MM-DD): the date of
	// events nothing else dates.
	DocDate string
	// Places counts the PLACE names seen, to choose among places and to
	// place an event whose sentence names none.
	Places map[string]int
	// LastPlace is the place of the latest event.
	LastPlace *Mention
	// Countries counts the countries the document's places lie in.
	Countries map[string]int
}

// Event is an assembled event, before it becomes a record.
type Event struct {
	Kind     *Kind
	Trigger  Candidate
	Date     *Mention // nil: the document's date
	DateFrom string   // sentence, preceding, document
	Place    *Mention
	Actors   []Actor
	Killed   *Figure
	Injured  *Figure
	Modality string
	// Attribution is the source an event is reported from («بحسب درعا
	// 24»).
	Attribution *Mention
	// Mentions counts the triggers merged into the event.
	Mentions int
	// Merged are the triggers of the mentions merged into this one, in
	// text order.
	Merged []Candidate
}

// Actor is a participant.
type Actor struct {
	Role   string // actor1, actor2
	Name   string
	Entity *Mention
	Class  string
	// Start and End are the original code points of the words naming
	// the actor.
	Start, End int
}

// Figure is a casualty count and where it came from.
type Figure struct {
	Min, Max int64
	Text     string
	Civilian bool
	// Spans are the original code points of each number read.
	Spans [][2]int
}

// specificity ranks place subtypes, most specific first.
var specificity = map[string]int{
	"neighbourhood": 9, "camp": 9, "site": 9, "crossing": 9, "airport": 9, "airbase": 9, "station": 9, "port": 9, "dam": 9,
	"village": 8, "town": 8, "city": 7, "capital": 7,
	"subdistrict": 6, "district": 5, "governorate": 4, "province": 4,
	"region": 3, "mountain": 3, "plain": 3, "valley": 3, "river": 2,
	"country": 1, "territory": 1,
}

// actorClass maps an organization's subtype to an actor class.
var actorClass = map[string]string{
	"armed_forces": "state_forces", "military_unit": "state_forces", "security_service": "state_forces",
	"security_branch": "state_forces", "police": "state_forces", "government": "state",
	"foreign_forces": "external_forces", "armed_group": "rebel_group", "political_party": "political",
	"international": "external", "humanitarian": "civilians", "ngo": "civilians",
}

// country returns the country most of the document's places lie in.
func (st *State) country() string {
	best, n := "", 0
	for name, k := range st.Countries {
		if k > n || k == n && name < best {
			best, n = name, k
		}
	}
	return best
}

// Assemble builds the events of a window: cands are its triggers in text
// order, ents its entities in text order. It updates st for the windows to
// come.
func Assemble(cands []Candidate, ents []Mention, st *State) []Event {
	if st.Places == nil {
		st.Places = map[string]int{}
	}
	if st.Countries == nil {
		st.Countries = map[string]int{}
	}
	for i := range ents {
		if e := &ents[i]; e.Type == "PLACE" {
			st.Places[e.Name]++
			switch {
			case e.Subtype == "country":
				st.Countries[e.Name]++
			case len(e.Admin) > 0:
				st.Countries[e.Admin[len(e.Admin)-1]]++
			}
		}
	}
	// The entities of a sentence: ents are in text order, so a sentence's
	// are a run found by binary search.
	inSentence := func(sentence int) []Mention {
		lo := sort.Search(len(ents), func(i int) bool { return ents[i].Sentence >= sentence })
		hi := lo
		for hi < len(ents) && ents[hi].Sentence == sentence {
			hi++
		}
		return ents[lo:hi]
	}
	var out []Event
	// A date governs the sentence right after its own when that sentence
	// goes on with the same kind of happening, no further: news switches
	// between the day's events and their background, and an undated
	// sentence is mostly about the day of the report.
	dateBefore := func(c Candidate) *Mention {
		if c.Now {
			return nil // «تدور حالياً»: the day of the report
		}
		continues := false
		for _, o := range cands {
			if o.Sentence == c.Sentence-1 && o.Kind.Family == c.Kind.Family {
				continues = true
				break
			}
		}
		if !continues {
			return nil
		}
		var last *Mention
		for i := range ents {
			if ents[i].Sentence >= c.Sentence {
				break
			}
			if ents[i].Type == "DATE" && ents[i].Sentence == c.Sentence-1 {
				last = &ents[i]
			}
		}
		return last
	}
	var kept []Candidate
	for _, group := range sentences(cands) {
		in := inSentence(group[0].Sentence)
		killed, injured := figures(in, group)
		// Triggers that need a figure or a place the sentence lacks are
		// set aside before one is chosen per family, so a weak one does
		// not hide a strong one («سيطر عليها» beside «المواجهات»).
		kept = kept[:0]
		for _, c := range group {
			if c.Kind.NeedsFigure && killed == nil && injured == nil ||
				c.Kind.NeedsPlace && !localPlace(in) ||
				c.Kind.NeedsPlaceAfter && !placeAfter(in, c) ||
				c.Kind.Governs && !followed(group, c) {
				continue
			}
			kept = append(kept, c)
		}
		for _, c := range pickTriggers(kept) {
			ev := Event{Kind: c.Kind, Trigger: c, Modality: c.Modality, Mentions: 1}
			ev.Date, ev.DateFrom = nearestDate(in, c), "sentence"
			if ev.Date == nil {
				if ev.Date = dateBefore(c); ev.Date != nil {
					ev.DateFrom = "preceding"
				} else {
					ev.DateFrom = "document"
				}
			}
			ev.Place = bestPlace(ents, in, c, st)
			if ev.Place != nil {
				st.LastPlace = ev.Place
			}
			ev.Actors, ev.Attribution = actors(in, c)
			if ev.Attribution == nil && c.SourceText != "" {
				ev.Attribution = &Mention{Ref: -1, Type: TypeSource, Subtype: c.SourceClass, Name: c.SourceText, Text: c.SourceText,
					Sentence: c.Sentence, Start: c.SourceOrigS, End: c.SourceOrigE, Entry: -1}
			}
			if ev.Attribution != nil && ev.Modality == "asserted" {
				// «اندلعت اشتباكات …، بحسب عنب بلدي»: an outlet named
				// after the trigger reports it too.
				ev.Modality = "reported"
			}
			if c.Kind.Type != "strategic_development" && c.Kind.Type != "threat" {
				// People are killed in violence, not in a visit or a
				// threat the same sentence tells.
				ev.Killed, ev.Injured = killed, injured
			}
			out = append(out, ev)
		}
	}
	return merge(out, st.DocDate)
}

// sentences groups triggers by sentence, in order.
func sentences(cands []Candidate) [][]Candidate {
	var out [][]Candidate
	for i := 0; i < len(cands); {
		j := i + 1
		for j < len(cands) && cands[j].Sentence == cands[i].Sentence {
			j++
		}
		out = append(out, cands[i:j])
		i = j
	}
	return out
}

// pickTriggers keeps one trigger per family in a sentence, the highest
// priority (a clash with casualties is a battle): what a threat governs
// after it is part of the threat («هددت … باقتحام المدينة وقصفها»), except
// an agreement.
func pickTriggers(group []Candidate) []Candidate {
	threatAt := -1
	for _, c := range group {
		if c.Kind.Type == "threat" {
			threatAt = c.FirstToken
			break
		}
	}
	// One per family, in order of first appearance; few per sentence, so
	// a slice does.
	var picked []int
	for i, c := range group {
		f := c.Kind.Family
		if threatAt >= 0 && c.FirstToken > threatAt && f != "threat" && c.Kind.SubType != "agreement" {
			continue
		}
		k := -1
		for n, j := range picked {
			if group[j].Kind.Family == f {
				k = n
				break
			}
		}
		switch {
		case k < 0:
			picked = append(picked, i)
		case c.Kind.Priority > group[picked[k]].Kind.Priority:
			picked[k] = i
		}
	}
	out := make([]Candidate, 0, len(picked))
	for _, i := range picked {
		out = append(out, group[i])
	}
	return out
}

// distance is how far an entity is from a trigger, in code points.
func distance(e *Mention, c Candidate) int {
	if d := e.Start - c.End; d >= 0 {
		return d
	}
	return max(0, c.Start-e.End)
}

// nearestDate returns the DATE of the sentence nearest the trigger.
func nearestDate(in []Mention, c Candidate) *Mention {
	var best *Mention
	dist := 1 << 30
	for i := range in {
		e := &in[i]
		if e.Type != "DATE" {
			continue
		}
		if d := distance(e, c); d < dist {
			best, dist = e, d
		}
	}
	return best
}

// bestPlace returns the place an event happened: of the sentence's places,
// those in the document's country first (a foreign capital or country in a
// sentence is mostly a government speaking: «واشنطن», «أنقرة»), then the
// most specific, then the one the document names most, then the nearest to
// the trigger. A sentence without such a place takes the last event's
// place, else the document's most named place.
func bestPlace(ents, in []Mention, c Candidate, st *State) *Mention {
	home := st.country()
	var best *Mention
	bestKey := [5]int{-1}
	for i := range in {
		e := &in[i]
		if e.Type != "PLACE" {
			continue
		}
		d := distance(e, c)
		inHome := 0
		if home == "" || e.Name == home || slices.Contains(e.Admin, home) {
			inHome = 1
		}
		// Below a country, a place the words put something in wins over
		// one that names a government («تسوقها دمشق»); «في سوريا» says
		// too little to win over a town.
		locative := 0
		if e.Locative && specificity[e.Subtype] >= specificity["governorate"] {
			locative = 1
		}
		key := [5]int{inHome, locative, specificity[e.Subtype], st.Places[e.Name], -d}
		if slices.Compare(key[:], bestKey[:]) > 0 {
			best, bestKey = e, key
		}
	}
	// A foreign country or capital alone names who acted, not where
	// («قالت واشنطن»): the event stays where the story is — unless the
	// words put the event there («في اليمن»).
	if best != nil && (bestKey[0] == 1 || best.Locative || specificity[best.Subtype] > specificity["capital"] || st.LastPlace == nil) {
		return best
	}
	if st.LastPlace != nil {
		return st.LastPlace
	}
	most, n := "", 0
	for name, k := range st.Places {
		if k > n || k == n && name < most {
			most, n = name, k
		}
	}
	if n == 0 {
		return nil
	}
	for i := range ents {
		if ents[i].Type == "PLACE" && ents[i].Name == most {
			return &ents[i]
		}
	}
	return nil
}

// subjectLimit is how close after a verb trigger an organization must
// start to be its subject (code points).
const subjectLimit = 12

// actors returns the organizations nearest before (actor1) and after
// (actor2) the trigger — after a verb, its subject first — or the description the trigger's sentence gives;
// an outlet or monitor after a reporting cue is the attribution instead.
func actors(in []Mention, c Candidate) ([]Actor, *Mention) {
	var before, after, source *Mention
	for i := range in {
		e := &in[i]
		if e.Type != "ORG" {
			continue
		}
		if e.Subtype == "media" || e.Subtype == "monitor" {
			if source == nil {
				source = e
			}
			continue
		}
		if e.End <= c.Start {
			before = e
		} else if after == nil && e.Start >= c.End {
			after = e
		}
	}
	// A verb's subject follows it: «سيطر تنظيم داعش على تدمر», «هددت قوات
	// النظام باقتحام المدينة». The organization right after a verb acted;
	// the one before, if any, is acted upon.
	if c.Verb && after != nil && after.Start-c.End <= subjectLimit {
		before, after = after, before
	}
	var out []Actor
	add := func(role string, e *Mention) {
		out = append(out, Actor{Role: role, Name: e.Name, Entity: e, Class: actorClass[e.Subtype], Start: e.Start, End: e.End})
	}
	switch {
	case before != nil:
		add("actor1", before)
	case c.ActorText != "":
		out = append(out, Actor{Role: "actor1", Name: c.ActorText, Class: c.ActorClass, Start: c.ActorOrigS, End: c.ActorOrigE})
	}
	if after != nil && (before == nil || after.Name != before.Name) {
		add("actor2", after)
	} else if before != nil && c.ActorText != "" {
		out = append(out, Actor{Role: "actor2", Name: c.ActorText, Class: c.ActorClass, Start: c.ActorOrigS, End: c.ActorOrigE})
	}
	return out, source
}

// figures returns the killed and injured figures of a sentence: the
// smallest and largest given («عشرة … قد يصل إلى 13»). People counted right
// after a killing word are the killed («مقتل 13 عنصرًا»).
func figures(in []Mention, triggers []Candidate) (killed, injured *Figure) {
	for i := range in {
		e := &in[i]
		if e.Type == TypeNumber {
			// A bare number just after a word counting the dead («هو
			// عشرة»).
			// Not after a word for the wounded: «وأصيبت ثلاث أخرى» are
			// vehicles hit.
			if countedBy(e, triggers, tollLimit) == "deaths" {
				add(&killed, e, false)
			}
			continue
		}
		if e.Type != "QUANTITY" || subset(in, e) {
			continue
		}
		var f **Figure
		civilian := false
		switch e.Unit {
		case "killed", "victim":
			f = &killed
		case "injured":
			f = &injured
		case "civilian", "person", "member", "fighter", "soldier", "child", "woman":
			// People are the dead or the wounded only right after a word
			// that says so («مقتل 13 عنصرًا», «إصابة ثلاثة مدنيين»), not
			// «نزوح 200 ألف مدني».
			switch countedBy(e, triggers, peopleLimit) {
			case "deaths":
				f = &killed
			case "injuries":
				f = &injured
			default:
				continue
			}
			civilian = e.Unit == "civilian"
		default:
			continue
		}
		add(f, e, civilian)
	}
	return killed, injured
}

// cumulative is where a casualty figure stops being one event's: a toll
// of ten thousand or more is a war's («مقتل أكثر من 350 ألف شخص»),
// background to the events a report tells.
const cumulative = 10000

// add widens a figure with a number read: another estimate widens the
// range, a part joined by «و» adds to it.
func add(f **Figure, e *Mention, civilian bool) {
	if e.Value >= cumulative {
		return
	}
	if *f == nil {
		*f = &Figure{Min: e.Value, Max: e.Value, Text: e.Text, Civilian: civilian, Spans: [][2]int{{e.Start, e.End}}}
		return
	}
	(*f).Spans = append((*f).Spans, [2]int{e.Start, e.End})
	if e.Conj {
		// «مقتل 25 جهادياً وسبعة من المقاتلين»: parts of one toll.
		(*f).Min += e.Value
		(*f).Max += e.Value
	} else {
		// «عشرة … قد يصل إلى 13»: estimates of one toll.
		(*f).Min = min((*f).Min, e.Value)
		(*f).Max = max((*f).Max, e.Value)
	}
	(*f).Text += "، " + e.Text
	(*f).Civilian = (*f).Civilian || civilian
}

// countedBy reports what a number counts when it follows closely (within
// limit code points) a word counting the dead ("deaths") or the wounded
// ("injuries"), the nearest such word deciding; "" otherwise, and for a
// year.
func countedBy(e *Mention, triggers []Candidate, limit int) string {
	if e.Value < 1 || e.Type == TypeNumber && e.Value >= 1900 && e.Value <= 2100 {
		return ""
	}
	what, gap := "", limit+1
	for _, c := range triggers {
		if c.End > e.Start || e.Start-c.End >= gap {
			continue
		}
		switch {
		case c.Kind.Deaths:
			what, gap = "deaths", e.Start-c.End
		case c.Kind.Injuries:
			what, gap = "injuries", e.Start-c.End
		}
	}
	return what
}

// subset reports whether a figure counts some of another («بينهم 16
// طفلاً»): a subset cue ends right before it.
func subset(in []Mention, e *Mention) bool {
	for i := range in {
		if in[i].Type == TypeSubset && in[i].End <= e.Start && e.Start-in[i].End <= 2 {
			return true
		}
	}
	return false
}

// merge joins the mentions of one happening: the same kind (type, sub-event
// type and label), place and date. The merged event keeps the first
// mention's trigger and the best supported figures: the widest range
// reported, not a sum of repeats.
func merge(evs []Event, docDate string) []Event {
	out := evs[:0:0]
	// Two mentions tell one happening when the kind is the same, the
	// places are one or one holds the other (سوريا and مصياف), and the
	// dates are one or one mention has none of its own (the document's).
	same := func(a, b *Event) bool {
		if !sameKind(a.Kind, b.Kind) {
			return false
		}
		if !(a.Place == nil || b.Place == nil || a.Place.Name == b.Place.Name || within(a.Place, b.Place) || within(b.Place, a.Place)) {
			return false
		}
		da, db := dateValue(a.Date, docDate), dateValue(b.Date, docDate)
		switch {
		case da == db:
			return true
		case a.DateFrom == "document":
			return recent(db, docDate)
		case b.DateFrom == "document":
			return recent(da, docDate)
		}
		return false
	}
	for _, ev := range evs {
		i := -1
		for k := range out {
			if same(&out[k], &ev) {
				i = k
				break
			}
		}
		if i < 0 {
			out = append(out, ev)
			continue
		}
		m := &out[i]
		m.Mentions += ev.Mentions
		m.Merged = append(append(m.Merged, ev.Trigger), ev.Merged...)
		// The merged event takes the more specific place, and a date
		// its own sentence gives over the document's.
		if m.Place == nil || ev.Place != nil && ev.Place.Name != m.Place.Name && within(ev.Place, m.Place) {
			m.Place = ev.Place
		}
		if m.DateFrom == "document" && ev.DateFrom == "sentence" {
			m.Date, m.DateFrom = ev.Date, ev.DateFrom
		}
		m.Killed = widest(m.Killed, ev.Killed)
		m.Injured = widest(m.Injured, ev.Injured)
		if len(m.Actors) == 0 {
			m.Actors = ev.Actors
		}
		if m.Attribution == nil {
			m.Attribution = ev.Attribution
		}
		if m.Modality == "asserted" && ev.Modality != "asserted" {
			m.Modality = ev.Modality
		}
	}
	return out
}

// sameKind reports whether two kinds are one: the same type, sub type and
// label (several rows of the trigger table may make one kind).
func sameKind(a, b *Kind) bool {
	return a.Type == b.Type && a.SubType == b.SubType && a.Label == b.Label
}

// followed reports whether another trigger follows c in its sentence.
func followed(group []Candidate, c Candidate) bool {
	for _, o := range group {
		if o.FirstToken > c.LastToken {
			return true
		}
	}
	return false
}

// placeAfterLimit is how close after its trigger a place must start for
// kinds that need one (code points: «سيطرت القوات التركية على مدينة عفرين»).
const placeAfterLimit = 40

// placeAfter reports whether a place starts shortly after the trigger.
func placeAfter(in []Mention, c Candidate) bool {
	for i := range in {
		if in[i].Type == "PLACE" && in[i].Start >= c.End && in[i].Start-c.End <= placeAfterLimit {
			return true
		}
	}
	return false
}

// localPlace reports whether a sentence names a town-level place.
func localPlace(in []Mention) bool {
	for i := range in {
		if in[i].Type == "PLACE" && specificity[in[i].Subtype] >= specificity["city"] {
			return true
		}
	}
	return false
}

// within reports whether place a lies in place b (b is in a's admin chain).
func within(a, b *Mention) bool {
	for _, n := range a.Admin {
		if n == b.Name {
			return true
		}
	}
	return false
}

// widest joins the figures of two mentions of one happening: the widest
// range, with the words of each figure that bounds it.
func widest(a, b *Figure) *Figure {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	c := *a
	c.Min, c.Max = min(a.Min, b.Min), max(a.Max, b.Max)
	c.Civilian = a.Civilian || b.Civilian
	if b.Min < a.Min || b.Max > a.Max {
		c.Text = a.Text + "، " + b.Text
		c.Spans = append(append([][2]int(nil), a.Spans...), b.Spans...)
	}
	return &c
}

func placeName(m *Mention) string {
	if m == nil {
		return ""
	}
	return m.Name
}

// recentDays is how far before the document's date an event may lie for
// a mention without a date of its own to be about it: the week a
// weekday names («الجمعة»).
const recentDays = 7

// recent reports whether a date value (a day, a month or a range as
// records write it) reaches into the week before the document's date:
// an undated mention is about the days of the report, not about an
// offensive launched months before.
func recent(value, docDate string) bool {
	doc, err := time.Parse(time.DateOnly, docDate)
	if err != nil {
		return false
	}
	if i := strings.LastIndex(value, "/"); i >= 0 {
		value = value[i+1:] // a range's end
	}
	var end time.Time
	switch len(value) {
	case len("2006-01-02"):
		end, err = time.Parse(time.DateOnly, value)
	case len("2006-01"):
		end, err = time.Parse("2006-01", value)
		end = end.AddDate(0, 1, -1)
	case len("2006"):
		end, err = time.Parse("2006", value)
		end = end.AddDate(1, 0, -1)
	default:
		return false
	}
	if err != nil {
		return false
	}
	return !end.Before(doc.AddDate(0, 0, -recentDays))
}

func dateValue(m *Mention, docDate string) string {
	if m == nil {
		return docDate
	}
	return m.Date
}
