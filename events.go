package khabar

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/khabar-ie/khabar/internal/events"
)

// assembleEvents turns the window's triggers and entities into event
// records and emits them after the window's entities.
func (ru *run) assembleEvents() error {
	if len(ru.evCands) == 0 {
		return nil
	}
	ments := ru.evMents[:0]
	for k, e := range ru.winEnts {
		m := events.Mention{
			Ref: k, ID: e.ID, Type: e.Type, Subtype: e.Subtype, Sentence: e.Sentence,
			Start: e.Start, End: e.End, Text: e.Text, Name: e.Canonical, Entry: -1,
			Locative: ru.winLocative[k], Conj: strings.HasPrefix(e.Prefix, "و"),
		}
		if m.Name == "" {
			m.Name = e.Text
		}
		if e.Value != nil {
			m.Date = e.Value.String()
		}
		if e.Quantity != nil {
			m.Unit, m.Value = e.Quantity.Unit, e.Quantity.Value
		}
		if e.Type == "PLACE" && len(e.Admin) > 0 {
			m.Admin = make([]string, len(e.Admin))
			for i, a := range e.Admin {
				m.Admin[i] = a.Name
			}
		}
		ments = append(ments, m)
	}
	if len(ru.evNumbers) > 0 {
		// Bare numbers join the entities in text order; those inside an
		// entity (a date's year, a counted figure) are the entity's.
		ments = append(ments, ru.evNumbers...)
		slices.SortStableFunc(ments, func(a, b events.Mention) int { return cmp.Compare(a.Start, b.Start) })
		ments = slices.DeleteFunc(ments, func(m events.Mention) bool {
			return m.Type == events.TypeNumber && insideEntity(ru.winEnts, m.Start, m.End)
		})
	}
	ru.evMents = ments
	for _, ev := range events.Assemble(ru.evCands, ments, &ru.evState) {
		rec := ru.eventRecord(&ev)
		ru.sum.Counts["events"]++
		if ru.tokenFn != nil {
			continue
		}
		if err := ru.emit(rec); err != nil {
			return err
		}
	}
	return nil
}

// insideEntity reports whether [start, end) overlaps one of ents, which
// are in text order.
func insideEntity(ents []*Entity, start, end int) bool {
	i := sort.Search(len(ents), func(i int) bool { return ents[i].End > start })
	return i < len(ents) && ents[i].Start < end
}

// geoPrecision gives ACLED's geo precision for a place subtype: 1 the
// place itself, 2 a larger area, 3 a country.
func geoPrecision(subtype string) int {
	switch subtype {
	case "country", "territory":
		return 3
	case "governorate", "province", "district", "subdistrict", "region", "mountain", "plain", "valley", "river", "desert", "sea":
		return 2
	}
	return 1
}

// eventRecord turns an assembled event into a record.
func (ru *run) eventRecord(ev *events.Event) *Event {
	// byRef returns the record of an assembled mention, if it is this
	// window's.
	byRef := func(m *events.Mention) *Entity {
		if m.Ref >= 0 && m.Ref < len(ru.winEnts) && ru.winEnts[m.Ref].ID == m.ID {
			return ru.winEnts[m.Ref]
		}
		return nil
	}
	ru.events++
	c := &ev.Trigger
	rec := &Event{
		Record:   KindEvent,
		Doc:      ru.info.ID,
		ID:       "v" + strconv.Itoa(ru.events),
		Type:     ev.Kind.Type,
		SubType:  ev.Kind.SubType,
		Label:    ev.Kind.Label,
		Trigger:  TextSpan{Text: c.Text, Start: c.Start, End: c.End},
		Sentence: Range{Start: c.SentStart, End: c.SentEnd},
		Context:  TextSpan{Text: c.Context, Start: c.ContextStart, End: c.ContextEnd},
		Modality: ev.Modality,
		Mentions: ev.Mentions,
		Source:   "lexicon:events/" + ev.Kind.Type + "/" + ev.Kind.SubType,
	}
	if ev.Kind.Label != "" {
		rec.Source += "/" + ev.Kind.Label
	}
	for _, m := range ev.Merged {
		rec.Merged = append(rec.Merged, EventMention{
			Trigger:  TextSpan{Text: m.Text, Start: m.Start, End: m.End},
			Sentence: Range{Start: m.SentStart, End: m.SentEnd},
		})
	}
	date := &EventDate{Basis: ev.DateFrom}
	if ev.Date != nil {
		if e := byRef(ev.Date); e != nil && e.Value != nil {
			v := *e.Value
			date.Value, date.Text, date.Entity = &v, e.Text, e.ID
		} else {
			date.Value, date.Text = &DateValue{Point: ev.Date.Date}, ev.Date.Text
		}
		date.Span = &Range{Start: ev.Date.Start, End: ev.Date.End}
	} else {
		date.Value = &DateValue{Point: ru.evState.DocDate}
	}
	rec.Date = date
	if p := ev.Place; p != nil {
		loc := &EventLocation{Name: p.Text, Subtype: p.Subtype, GeoPrecision: geoPrecision(p.Subtype), Span: &Range{Start: p.Start, End: p.End}}
		if e := byRef(p); e != nil {
			loc.Entity, loc.Canonical, loc.IDs, loc.Geo, loc.Admin = e.ID, e.Canonical, e.IDs, e.Geo, e.Admin
		}
		rec.Location = loc
	}
	// Territory taken by the state's own forces is regained, by others
	// overtaken.
	if rec.SubType == "non_state_actor_overtakes_territory" {
		for _, a := range ev.Actors {
			if a.Role == "actor1" && (a.Class == "state_forces" || a.Class == "state") {
				rec.SubType = "government_regains_territory"
			}
		}
	}
	for _, a := range ev.Actors {
		act := Actor{Role: a.Role, Name: a.Name, Class: a.Class}
		if a.End > a.Start {
			act.Span = &Range{Start: a.Start, End: a.End}
		}
		if a.Entity != nil {
			act.Entity = a.Entity.ID
		}
		rec.Actors = append(rec.Actors, act)
	}
	if s := ev.Attribution; s != nil {
		rec.Attribution = &Actor{Role: "source", Name: s.Name, Entity: s.ID, Class: s.Subtype, Span: &Range{Start: s.Start, End: s.End}}
	}
	rec.Fatalities = count(ev.Killed)
	rec.Injured = count(ev.Injured)
	return rec
}

// count turns a figure into a record's count: the value is the smallest
// figure given, with min and max when the text gives a range.
func count(f *events.Figure) *Count {
	if f == nil {
		return nil
	}
	c := &Count{Value: int(f.Min), Text: f.Text, Civilian: f.Civilian}
	for _, sp := range f.Spans {
		c.Spans = append(c.Spans, Range{Start: sp[0], End: sp[1]})
	}
	if f.Max != f.Min {
		lo, hi := int(f.Min), int(f.Max)
		c.Min, c.Max = &lo, &hi
	}
	return c
}
