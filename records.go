package khabar

import (
	"encoding/json"
	"fmt"
)

// Record kinds, the value of every record's "record" field.
const (
	KindEntity  = "entity"
	KindEvent   = "event"
	KindSummary = "summary"
	KindError   = "error"
)

// Record is one output record: *Entity, *Event, *Summary or *ErrorRecord.
// Its JSON form carries a "record" field naming the kind.
type Record interface {
	// Kind returns the record kind (KindEntity…).
	Kind() string
	// DocID returns the document the record belongs to.
	DocID() string
}

// Entity is a PLACE, ORG, DATE or QUANTITY mention. Start and End are Unicode code
// point offsets into the original document text, End exclusive, and Text
// is exactly that slice of the original.
type Entity struct {
	Record    string            `json:"record"` // always "entity"
	Doc       string            `json:"doc"`
	ID        string            `json:"id"`   // unique within the document: e1, e2…
	Type      string            `json:"type"` // PLACE, ORG, DATE or QUANTITY
	Subtype   string            `json:"subtype,omitempty"`
	Text      string            `json:"text"`
	Start     int               `json:"start"`
	End       int               `json:"end"`
	Norm      string            `json:"norm"`                // normalized form of Text
	Canonical string            `json:"canonical,omitempty"` // the gazetteer's canonical name
	NameEn    string            `json:"name_en,omitempty"`
	IDs       map[string]string `json:"ids,omitempty"` // gazetteer id and external ids (pcode, wikidata…)
	Geo       *Geo              `json:"geo,omitempty"`
	Value     *DateValue        `json:"value,omitempty"` // DATE only
	// Calendar is the calendar a DATE was written in: gregorian or hijri
	// (Value is Gregorian either way).
	Calendar string `json:"calendar,omitempty"`
	// Resolved says how a DATE's value was found: explicit (all written)
	// or relative (the reference date supplied a year, a weekday…).
	Resolved string `json:"resolved,omitempty"`
	// Hijri is a Hijri DATE as written, at its precision (1443-09-15).
	Hijri string `json:"hijri,omitempty"`
	// Quantity is the value of a QUANTITY: a number and what it counts.
	Quantity *Quantity `json:"quantity,omitempty"`
	// Head is the head noun before a place's name (مدينة، ريف، قرية).
	Head string `json:"head,omitempty"`
	// Direction is the compass direction qualifying a place (شمالي درعا →
	// n; ريف درعا الغربي → w): n, s, e, w, ne, nw, se, sw.
	Direction string `json:"direction,omitempty"`
	Source    string `json:"source"` // what produced it: gazetteer:<id> or rule:<name>
	// Evidence names what admitted a gazetteer name: "name" (a name
	// reported wherever it occurs), "head:<word>", "place:<word>",
	// "clitic:ب", "direction:<word>", "quote", "list", "document" or
	// "area" (see README).
	Evidence string `json:"evidence,omitempty"`
	// Admin is the chain of enclosing places (or parent organizations),
	// nearest first, up to the country.
	Admin    []AdminUnit `json:"admin,omitempty"`
	Sentence int         `json:"sentence"`         // index of the sentence, from 0
	Prefix   string      `json:"prefix,omitempty"` // proclitics glued to the name in the text (ب، و، ل…)
	// Alternatives lists the gazetteer ids of other entries with the same
	// name that were set aside.
	Alternatives []string `json:"alternatives,omitempty"`
}

// Kind implements Record.
func (*Entity) Kind() string { return KindEntity }

// Quantity is a counted number («13 قتيلًا» → 13 killed).
type Quantity struct {
	Value int64  `json:"value"`
	Unit  string `json:"unit"` // killed, injured, civilian, person, child… (see README)
}

// AdminUnit is one enclosing place or parent organization of an entity.
type AdminUnit struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Subtype string `json:"subtype,omitempty"`
}

// DocID implements Record.
func (e *Entity) DocID() string { return e.Doc }

// Geo is a WGS84 point.
type Geo struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// DateValue is an ISO 8601 date at its own precision ("2021-10-03",
// "2022-W29", "2021-10", "2021") or a range. It encodes as a JSON string,
// or as {"from": …, "to": …} for a range.
type DateValue struct {
	Point string
	From  string
	To    string
}

// MarshalJSON implements json.Marshaler.
func (v DateValue) MarshalJSON() ([]byte, error) {
	if v.Point != "" {
		return json.Marshal(v.Point)
	}
	return json.Marshal(struct {
		From string `json:"from"`
		To   string `json:"to"`
	}{v.From, v.To})
}

// UnmarshalJSON implements json.Unmarshaler.
func (v *DateValue) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*v = DateValue{Point: s}
		return nil
	}
	var r struct {
		From string `json:"from"`
		To   string `json:"to"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return fmt.Errorf("date value: want a string or {from, to}: %w", err)
	}
	*v = DateValue{From: r.From, To: r.To}
	return nil
}

// String returns the value as text: the point, or from/to.
func (v DateValue) String() string {
	if v.Point != "" {
		return v.Point
	}
	return v.From + "/" + v.To
}

// Event is one happening reported in a document, typed with ACLED's
// taxonomy. Every argument points back to the text that supports it.
type Event struct {
	Record  string `json:"record"` // always "event"
	Doc     string `json:"doc"`
	ID      string `json:"id"`       // unique within the document: v1, v2…
	Type    string `json:"type"`     // ACLED event type, or "threat"
	SubType string `json:"sub_type"` // ACLED sub-event type, or threat
	// Label is our finer label for what ACLED folds into "other"
	// (reinforcement, negotiation, mediation, raid, visit, evacuation).
	Label    string   `json:"label,omitempty"`
	Trigger  TextSpan `json:"trigger"`
	Sentence Range    `json:"sentence"` // the trigger's sentence, original code points
	// Context is the trigger's sentence as written, cut to at most 300 code
	// points around the trigger at spaces: for reading the event without
	// the document (the notes of the CSV).
	Context    TextSpan       `json:"context"`
	Date       *EventDate     `json:"date,omitempty"`
	Location   *EventLocation `json:"location,omitempty"`
	Actors     []Actor        `json:"actors,omitempty"`
	Fatalities *Count         `json:"fatalities,omitempty"`
	Injured    *Count         `json:"injured,omitempty"`
	Modality   string         `json:"modality"` // asserted, reported, threatened, hedged, denied
	// Attribution is the outlet or monitor the event is reported from
	// («بحسب درعا 24»).
	Attribution *Actor `json:"attribution,omitempty"`
	// Mentions counts the trigger words merged into the event.
	Mentions int `json:"mentions"`
	// Merged are the other mentions merged into the event (its trigger is
	// the first), each with its sentence: where arguments outside the
	// trigger's sentence come from.
	Merged []EventMention `json:"merged,omitempty"`
	Source string         `json:"source"` // the trigger lexicon entry that produced it
}

// Kind implements Record.
func (*Event) Kind() string { return KindEvent }

// DocID implements Record.
func (e *Event) DocID() string { return e.Doc }

// EventMention is one more telling of an event: its trigger and
// sentence.
type EventMention struct {
	Trigger  TextSpan `json:"trigger"`
	Sentence Range    `json:"sentence"`
}

// TextSpan is a piece of the original text.
type TextSpan struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Range is a span of the original text without its text.
type Range struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// EventDate is when an event happened.
type EventDate struct {
	Value  *DateValue `json:"value"`
	Text   string     `json:"text,omitempty"`
	Entity string     `json:"entity,omitempty"` // id of the DATE entity
	Basis  string     `json:"basis,omitempty"`  // sentence, preceding, document
	// Span is where the date's words are in the original text (none for
	// the document's date).
	Span *Range `json:"span,omitempty"`
}

// EventLocation is where an event happened.
type EventLocation struct {
	Name      string `json:"name"`
	Canonical string `json:"canonical,omitempty"`
	Subtype   string `json:"subtype,omitempty"`
	Entity    string `json:"entity,omitempty"` // id of the PLACE entity
	// IDs are the place's gazetteer id and external ids (pcode,
	// geonames…), as its entity has them.
	IDs map[string]string `json:"ids,omitempty"`
	Geo *Geo              `json:"geo,omitempty"`
	// GeoPrecision is ACLED's: 1 the place itself (a town, village or
	// neighbourhood), 2 a larger area (district, governorate, region), 3 a
	// country.
	GeoPrecision int `json:"geo_precision,omitempty"`
	// Admin is the place's chain of enclosing places up to the country.
	Admin []AdminUnit `json:"admin,omitempty"`
	// Span is where the place's name is in the original text (it may lie
	// in an earlier sentence that set the scene).
	Span *Range `json:"span,omitempty"`
}

// Actor is a participant in an event.
type Actor struct {
	Role   string `json:"role"` // actor1, actor2
	Name   string `json:"name"`
	Entity string `json:"entity,omitempty"`
	Class  string `json:"class,omitempty"`
	// Span is where the words naming the actor are in the original text.
	Span *Range `json:"span,omitempty"`
}

// Count is a number of people with the text it came from.
type Count struct {
	Value int    `json:"value"`
	Min   *int   `json:"min,omitempty"`
	Max   *int   `json:"max,omitempty"`
	Text  string `json:"text,omitempty"`
	// Civilian is set when the text counts civilians.
	Civilian bool `json:"civilian,omitempty"`
	// Spans are where each number read is in the original text.
	Spans []Range `json:"spans,omitempty"`
}

// Summary closes every document's records.
type Summary struct {
	Record     string         `json:"record"` // always "summary"
	Doc        string         `json:"doc"`
	Status     string         `json:"status"`     // ok, partial (stopped by an error after some text) or failed
	Characters int            `json:"characters"` // code points read
	Bytes      int64          `json:"bytes"`      // bytes read
	Sentences  int            `json:"sentences"`
	Tokens     int            `json:"tokens"`
	Counts     map[string]int `json:"counts"` // entities per type, and "events"
	// InvalidUTF8 counts ill-formed byte sequences replaced by U+FFFD.
	InvalidUTF8 int `json:"invalid_utf8"`
	// CutSentences counts sentences cut at the length limit because no
	// punctuation or line break came in time.
	CutSentences int      `json:"cut_sentences"`
	RefDate      string   `json:"ref_date"`
	Errors       []string `json:"errors"`
	Warnings     []string `json:"warnings,omitempty"`
}

// Kind implements Record.
func (*Summary) Kind() string { return KindSummary }

// DocID implements Record.
func (s *Summary) DocID() string { return s.Doc }

// ErrorRecord reports a document that could not be processed (fully or at
// all); the document's Summary follows it.
type ErrorRecord struct {
	Record string `json:"record"` // always "error"
	Doc    string `json:"doc"`
	Error  string `json:"error"`
}

// Kind implements Record.
func (*ErrorRecord) Kind() string { return KindError }

// DocID implements Record.
func (e *ErrorRecord) DocID() string { return e.Doc }
