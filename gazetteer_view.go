package khabar

import (
	"sort"

	"github.com/khabar-ie/khabar/internal/lexicon"
)

// GazetteerEntry is one entry of an Extractor's gazetteer.
type GazetteerEntry struct {
	ID      string            `json:"id"`
	Type    string            `json:"type"`
	Subtype string            `json:"subtype,omitempty"`
	Name    string            `json:"name"`
	NameEn  string            `json:"name_en,omitempty"`
	Aliases []string          `json:"aliases,omitempty"`
	Admin   []AdminUnit       `json:"admin,omitempty"` // enclosing places or parent organizations, nearest first
	Geo     *Geo              `json:"geo,omitempty"`
	IDs     map[string]string `json:"ids,omitempty"`
	Rank    int               `json:"rank"`
	// Evidence is the evidence level of the name looked up (or of the
	// canonical name): free, cue or strict (see README, Gazetteer).
	Evidence string `json:"evidence"`
	Source   string `json:"source"` // file:line of the entry
}

// LookupName returns the gazetteer entries that have name (normalized like
// text; the article as written) as their name or an alias, most prominent
// first.
func (x *Extractor) LookupName(name string) []GazetteerEntry {
	ms := x.lex.Find(x.norm.AppendString(nil, name), x.tagger.Analyzer())
	out := make([]GazetteerEntry, 0, len(ms))
	for _, m := range ms {
		out = append(out, x.gazetteerEntry(m))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Rank > out[j].Rank })
	return out
}

// GazetteerCounts returns how many entries the gazetteer holds per type and
// subtype ("" for entries without a subtype).
func (x *Extractor) GazetteerCounts() map[string]map[string]int {
	out := map[string]map[string]int{}
	for _, e := range x.lex.Entries() {
		if out[e.Type] == nil {
			out[e.Type] = map[string]int{}
		}
		out[e.Type][e.Subtype]++
	}
	return out
}

// gazetteerEntry describes the entry a match names.
func (x *Extractor) gazetteerEntry(m lexicon.Match) GazetteerEntry {
	e := &x.lex.Entries()[m.Entry]
	g := GazetteerEntry{
		ID: e.ID, Type: e.Type, Subtype: e.Subtype, Name: e.Name, NameEn: e.NameEn,
		Aliases: e.Aliases, Admin: x.adminChain(m.Entry), Rank: e.Rank,
		Evidence: x.resolver.Level(m).String(), Source: e.Source,
	}
	if e.Geo != nil {
		g.Geo = &Geo{Lat: e.Geo.Lat, Lon: e.Geo.Lon}
	}
	if len(e.IDs) > 0 {
		g.IDs = map[string]string{}
		for _, kv := range e.IDs {
			g.IDs[kv.Key] = kv.Value
		}
	}
	return g
}
