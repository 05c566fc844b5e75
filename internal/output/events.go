package output

import (
	"bufio"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/khabar-ie/khabar"
	"github.com/khabar-ie/khabar/internal/datafile"
)

//go:embed acled.tsv
var acledData []byte

// acledNames maps our event types and sub-event types to ACLED's display
// names, read once.
var acledNames = sync.OnceValues(func() (map[string]string, error) {
	m := map[string]string{}
	err := datafile.Each(acledData, "acled.tsv", func(f []string) error {
		if len(f) < 3 || f[0] != "type" && f[0] != "sub" {
			return errors.New("want type|sub, ours, ACLED")
		}
		m[f[0]+":"+f[1]] = f[2]
		return nil
	})
	return m, err
})

// acled returns ACLED's name for one of ours, or ours.
func acled(names map[string]string, kind, ours string) string {
	if n, ok := names[kind+":"+ours]; ok {
		return n
	}
	return ours
}

// csvHeader is the CSV writer's columns: ACLED's names where they apply,
// then ours.
var csvHeader = []string{
	"event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
	"country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
	"fatalities", "notes", "source",
	"doc", "label", "modality", "date_basis", "fatalities_min", "fatalities_max", "injured", "trigger", "trigger_start", "trigger_end",
}

// csvEvents writes one row per event record; other records are skipped.
type csvEvents struct {
	bw     *bufio.Writer
	w      *csv.Writer
	names  map[string]string
	header bool
}

func newCSV(bw *bufio.Writer) (*csvEvents, error) {
	names, err := acledNames()
	if err != nil {
		return nil, err
	}
	return &csvEvents{bw: bw, w: csv.NewWriter(bw), names: names}, nil
}

// Write writes an event as a row.
func (c *csvEvents) Write(r khabar.Record) error {
	ev, ok := r.(*khabar.Event)
	if !ok {
		return nil
	}
	if !c.header {
		c.header = true
		if err := c.w.Write(csvHeader); err != nil {
			return err
		}
	}
	row := make([]string, 0, len(csvHeader))
	actor := func(role string) string {
		for _, a := range ev.Actors {
			if a.Role == role {
				return a.Name
			}
		}
		return ""
	}
	date, basis := "", ""
	if ev.Date != nil {
		basis = ev.Date.Basis
		if ev.Date.Value != nil {
			date = ev.Date.Value.String()
		}
	}
	var country, admin1, admin2, location, lat, lon, prec string
	if l := ev.Location; l != nil {
		location = l.Name
		if l.Canonical != "" {
			location = l.Canonical
		}
		if l.Geo != nil {
			lat, lon = strconv.FormatFloat(l.Geo.Lat, 'f', -1, 64), strconv.FormatFloat(l.Geo.Lon, 'f', -1, 64)
		}
		if l.GeoPrecision > 0 {
			prec = strconv.Itoa(l.GeoPrecision)
		}
		country, admin1, admin2 = adminLevels(l)
	}
	fat, fmin, fmax, inj := "0", "", "", ""
	if f := ev.Fatalities; f != nil {
		fat = strconv.Itoa(f.Value)
		if f.Min != nil {
			fmin = strconv.Itoa(*f.Min)
		}
		if f.Max != nil {
			fmax = strconv.Itoa(*f.Max)
		}
	}
	if ev.Injured != nil {
		inj = strconv.Itoa(ev.Injured.Value)
	}
	source := ev.Doc
	if ev.Attribution != nil {
		source = ev.Attribution.Name
	}
	notes := ev.Context.Text
	if notes == "" {
		notes = ev.Trigger.Text
	}
	row = append(row,
		ev.Doc+"#"+ev.ID, date, acled(c.names, "type", ev.Type), acled(c.names, "sub", ev.SubType), actor("actor1"), actor("actor2"),
		country, admin1, admin2, location, lat, lon, prec,
		fat, notes, source,
		ev.Doc, ev.Label, ev.Modality, basis, fmin, fmax, inj, ev.Trigger.Text, strconv.Itoa(ev.Trigger.Start), strconv.Itoa(ev.Trigger.End),
	)
	return c.w.Write(row)
}

// adminLevels reads the country, first- and second-level units from a
// location's admin chain (the place itself counts when it is one).
func adminLevels(l *khabar.EventLocation) (country, admin1, admin2 string) {
	units := append([]khabar.AdminUnit{{Name: l.Canonical, Subtype: l.Subtype}}, l.Admin...)
	for _, u := range units {
		switch u.Subtype {
		case "country", "territory":
			country = u.Name
		case "governorate", "province":
			admin1 = u.Name
		case "district":
			admin2 = u.Name
		}
	}
	return country, admin1, admin2
}

// EndDocument implements Writer.
func (c *csvEvents) EndDocument() error { return nil }

// Flush implements Writer.
func (c *csvEvents) Flush() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

// Close implements Writer.
func (c *csvEvents) Close() error { return c.Flush() }

// geoJSON writes a FeatureCollection (RFC 7946) of events and, when
// places is set, of PLACE entities: a Point feature where the place has
// coordinates, a null geometry where it has none. The collection is
// streamed: features as they come, the closing brackets on Close.
type geoJSON struct {
	bw     *bufio.Writer
	places bool
	n      int
	open   bool
}

func (g *geoJSON) start() error {
	if g.open {
		return nil
	}
	g.open = true
	_, err := g.bw.WriteString(`{"type":"FeatureCollection","features":[`)
	return err
}

// feature is a GeoJSON feature.
type feature struct {
	Type       string         `json:"type"`
	Geometry   *point         `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

type point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"` // longitude, latitude
}

// Write adds an event (or a PLACE entity) as a feature.
func (g *geoJSON) Write(r khabar.Record) error {
	var f *feature
	switch v := r.(type) {
	case *khabar.Event:
		props := map[string]any{
			"kind": "event", "doc": v.Doc, "id": v.ID, "type": v.Type, "sub_type": v.SubType,
			"modality": v.Modality, "trigger": v.Trigger.Text,
		}
		if v.Label != "" {
			props["label"] = v.Label
		}
		if v.Date != nil && v.Date.Value != nil {
			props["date"] = v.Date.Value.String()
		}
		if v.Fatalities != nil {
			props["fatalities"] = v.Fatalities.Value
		}
		var geom *point
		if l := v.Location; l != nil {
			props["location"] = l.Name
			if l.Canonical != "" {
				props["location"] = l.Canonical
			}
			if l.GeoPrecision > 0 {
				props["geo_precision"] = l.GeoPrecision
			}
			if l.Geo != nil {
				geom = &point{Type: "Point", Coordinates: [2]float64{l.Geo.Lon, l.Geo.Lat}}
			}
		}
		f = &feature{Type: "Feature", Geometry: geom, Properties: props}
	case *khabar.Entity:
		if !g.places || v.Type != "PLACE" {
			return nil
		}
		props := map[string]any{"kind": "place", "doc": v.Doc, "id": v.ID, "text": v.Text, "subtype": v.Subtype, "start": v.Start, "end": v.End}
		if v.Canonical != "" {
			props["canonical"] = v.Canonical
		}
		var geom *point
		if v.Geo != nil {
			geom = &point{Type: "Point", Coordinates: [2]float64{v.Geo.Lon, v.Geo.Lat}}
		}
		f = &feature{Type: "Feature", Geometry: geom, Properties: props}
	default:
		return nil
	}
	if err := g.start(); err != nil {
		return err
	}
	if g.n > 0 {
		if err := g.bw.WriteByte(','); err != nil {
			return err
		}
	}
	g.n++
	b, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("geojson: %w", err)
	}
	_, err = g.bw.Write(b)
	return err
}

// EndDocument implements Writer.
func (g *geoJSON) EndDocument() error { return nil }

// Flush implements Writer.
func (g *geoJSON) Flush() error { return g.bw.Flush() }

// Close ends the collection.
func (g *geoJSON) Close() error {
	if err := g.start(); err != nil {
		return err
	}
	if _, err := g.bw.WriteString("]}\n"); err != nil {
		return err
	}
	return g.bw.Flush()
}

// formats names the formats New knows, for messages.
var formats = strings.Join([]string{"jsonl", "json", "csv", "geojson"}, ", ")
