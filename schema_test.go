package khabar_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/khabar-ie/khabar"
	"github.com/khabar-ie/khabar/internal/output"
)

const schemaPath = "schema/records.schema.json"

// recordsSchema compiles schema/records.schema.json (which also checks it
// against the draft 2020-12 meta-schema).
func recordsSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc := loadSchemaDoc(t)
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	require.NoError(t, c.AddResource("records.schema.json", doc))
	sch, err := c.Compile("records.schema.json")
	require.NoError(t, err)
	return sch
}

func loadSchemaDoc(t *testing.T) any {
	t.Helper()
	f, err := os.Open(schemaPath)
	require.NoError(t, err)
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)
	return doc
}

// validateJSON validates one JSON text against the schema.
func validateJSON(sch *jsonschema.Schema, b []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// validateRecord marshals rec with encoding/json and validates it.
func validateRecord(t *testing.T, sch *jsonschema.Schema, rec khabar.Record) {
	t.Helper()
	b, err := json.Marshal(rec)
	require.NoError(t, err)
	assert.NoError(t, validateJSON(sch, b), "record %s", b)
}

func TestSchemaValidatesRealOutput(t *testing.T) {
	sch := recordsSchema(t)
	x := newExtractor(t, khabar.Config{})
	jasim, err := os.ReadFile("testdata/jasim.txt")
	require.NoError(t, err)

	tests := []struct {
		name   string
		r      io.Reader
		err    bool     // ExtractReader returns a *DocumentError
		kinds  []string // the record kinds expected at the end, in order
		status string
		check  func(t *testing.T, recs []khabar.Record)
	}{
		{
			name: "jasim.txt", r: bytes.NewReader(jasim),
			kinds: []string{khabar.KindSummary}, status: "ok",
			check: func(t *testing.T, recs []khabar.Record) {
				assert.Greater(t, len(entities(recs)), 10)
				var types []string
				for _, e := range entities(recs) {
					types = append(types, e.Type)
				}
				assert.Contains(t, types, "PLACE")
				assert.Contains(t, types, "ORG")
			},
		},
		{
			name: "invalid UTF-8", r: strings.NewReader("قُتل مدني في مدينة جاسم \xff\xc0\xe1\x80 بدرعا، بحسب عنب بلدي.\n"),
			kinds: []string{khabar.KindSummary}, status: "ok",
			check: func(t *testing.T, recs []khabar.Record) {
				assert.NotEmpty(t, entities(recs))
				assert.Equal(t, 3, summary(t, recs).InvalidUTF8)
			},
		},
		{
			name: "empty", r: strings.NewReader(""),
			kinds: []string{khabar.KindSummary}, status: "ok",
			check: func(t *testing.T, recs []khabar.Record) {
				assert.Len(t, recs, 1)
				assert.Equal(t, []string{"empty document"}, summary(t, recs).Warnings)
			},
		},
		{
			name: "binary", r: bytes.NewReader([]byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00")),
			err: true, kinds: []string{khabar.KindError, khabar.KindSummary}, status: "failed",
		},
		{
			name: "read error after some text",
			r:    io.MultiReader(strings.NewReader(strings.Repeat("قُتل مدني في مدينة جاسم بدرعا.\n", 2000)), iotest.ErrReader(errors.New("disk gone"))),
			err:  true, kinds: []string{khabar.KindError, khabar.KindSummary}, status: "partial",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var recs []khabar.Record
			err := x.ExtractReader(context.Background(), khabar.DocInfo{ID: tt.name}, tt.r, func(r khabar.Record) error {
				recs = append(recs, r)
				return nil
			})
			if tt.err {
				var docErr *khabar.DocumentError
				require.ErrorAs(t, err, &docErr)
			} else {
				require.NoError(t, err)
			}
			require.GreaterOrEqual(t, len(recs), len(tt.kinds))
			var tail []string
			for _, r := range recs[len(recs)-len(tt.kinds):] {
				tail = append(tail, r.Kind())
			}
			assert.Equal(t, tt.kinds, tail)
			assert.Equal(t, tt.status, summary(t, recs).Status)
			for _, r := range recs {
				validateRecord(t, sch, r)
			}
			if tt.check != nil {
				tt.check(t, recs)
			}
		})
	}
}

// TestSchemaValidatesJSONLines validates the CLI's JSON Lines writer's
// output line by line (it encodes without HTML escaping).
func TestSchemaValidatesJSONLines(t *testing.T) {
	sch := recordsSchema(t)
	x := newExtractor(t, khabar.Config{})
	f, err := os.Open("testdata/jasim.txt")
	require.NoError(t, err)
	defer f.Close()
	var buf bytes.Buffer
	w, err := output.New("jsonl", &buf)
	require.NoError(t, err)
	require.NoError(t, x.ExtractReader(context.Background(), khabar.DocInfo{ID: "jasim.txt"}, f, w.Write))
	require.NoError(t, w.EndDocument())
	require.NoError(t, w.Flush())
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	require.Greater(t, len(lines), 1)
	for _, line := range lines {
		assert.NoError(t, validateJSON(sch, []byte(line)), "line %s", line)
	}
}

func intp(v int) *int { return &v }

// fullEvent is an event with every field, and every field of its parts,
// set.
func fullEvent() *khabar.Event {
	return &khabar.Event{
		Record:   khabar.KindEvent,
		Doc:      "jasim.txt",
		ID:       "v1",
		Type:     "battle",
		SubType:  "armed_clash",
		Label:    "raid",
		Trigger:  khabar.TextSpan{Text: "مواجهات", Start: 153, End: 160},
		Sentence: khabar.Range{Start: 0, End: 189},
		Context:  khabar.TextSpan{Text: "تصدى مقاتلون محليون … مواجهات عنيفة", Start: 0, End: 189},
		Date: &khabar.EventDate{
			Value:  &khabar.DateValue{Point: "2022-07-26"},
			Text:   "اليوم، الثلاثاء",
			Entity: "e7",
			Basis:  "sentence",
			Span:   &khabar.Range{Start: 170, End: 185},
		},
		Location: &khabar.EventLocation{
			Name:      "جاسم",
			Canonical: "جاسم",
			Entity:    "e1",
			IDs:       map[string]string{"gazetteer": "C1234", "pcode": "C1234"},
			Geo:       &khabar.Geo{Lat: 32.99115047, Lon: 36.06023246},
			Subtype:   "town", GeoPrecision: 1,
			Admin: []khabar.AdminUnit{{ID: "SY12", Name: "درعا", Subtype: "governorate"}},
			Span:  &khabar.Range{Start: 40, End: 44},
		},
		Actors: []khabar.Actor{
			{Role: "actor1", Name: "مقاتلون محليون", Entity: "e2", Class: "rebel group", Span: &khabar.Range{Start: 5, End: 19}},
			{Role: "actor2", Name: "قوات النظام", Entity: "e3", Class: "state forces", Span: &khabar.Range{Start: 60, End: 71}},
		},
		Fatalities:  &khabar.Count{Value: 3, Min: intp(2), Max: intp(4), Text: "ثلاثة", Civilian: true, Spans: []khabar.Range{{Start: 100, End: 105}}},
		Injured:     &khabar.Count{Value: 5, Min: intp(5), Max: intp(7), Text: "خمسة", Civilian: true, Spans: []khabar.Range{{Start: 110, End: 114}}},
		Modality:    "reported",
		Attribution: &khabar.Actor{Role: "source", Name: "درعا 24", Entity: "e9", Class: "media", Span: &khabar.Range{Start: 120, End: 127}},
		Mentions:    2,
		Merged:      []khabar.EventMention{{Trigger: khabar.TextSpan{Text: "اشتباكات", Start: 300, End: 308}, Sentence: khabar.Range{Start: 250, End: 350}}},
		Source:      "lexicon:events/battle/armed_clash",
	}
}

// firstZero reports the path of the first zero-valued field in v, or "".
func firstZero(v reflect.Value, path string) string {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return path
		}
		return firstZero(v.Elem(), path)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[khabar.DateValue]() {
			return "" // a point or a range, never both
		}
		for i := range v.NumField() {
			if p := firstZero(v.Field(i), path+"."+v.Type().Field(i).Name); p != "" {
				return p
			}
		}
		return ""
	case reflect.Slice:
		if v.Len() == 0 {
			return path
		}
		for i := range v.Len() {
			if p := firstZero(v.Index(i), path); p != "" {
				return p
			}
		}
		return ""
	}
	if v.IsZero() && !strings.HasSuffix(path, ".Start") && !strings.HasSuffix(path, ".Sentence") {
		return path
	}
	return ""
}

func TestSchemaValidatesEvent(t *testing.T) {
	sch := recordsSchema(t)
	ev := fullEvent()
	require.Empty(t, firstZero(reflect.ValueOf(ev), "Event"), "the hand-built event must set every field")
	validateRecord(t, sch, ev)

	// A date range, and the smallest event.
	ev.Date.Value = &khabar.DateValue{From: "2022-07", To: "2022-08-02"}
	validateRecord(t, sch, ev)
	validateRecord(t, sch, &khabar.Event{
		Record: khabar.KindEvent, ID: "v2", Type: "threat", SubType: "threat",
		Trigger: khabar.TextSpan{Text: "هدد", Start: 4, End: 7}, Sentence: khabar.Range{End: 20},
		Modality: "threatened", Mentions: 1, Source: "lexicon:events/threat/threat",
	})

	// A hand-built DATE entity exercises "value", which no rule produces yet.
	for _, v := range []khabar.DateValue{{Point: "2021"}, {Point: "2021-10"}, {Point: "2021-10-03"}, {From: "2021-10-01", To: "2021-10-03"}} {
		validateRecord(t, sch, &khabar.Entity{
			Record: khabar.KindEntity, Doc: "d", ID: "e1", Type: "DATE", Text: "٣ تشرين الأول", Start: 0, End: 13,
			Norm: "3 تشرين الاول", Value: &v, Source: "rule:date", Sentence: 0,
		})
	}
}

// TestSchemaRejectsInvalidRecords makes sure the schema can fail: each
// case breaks one rule of a valid record.
func TestSchemaRejectsInvalidRecords(t *testing.T) {
	sch := recordsSchema(t)
	entity := &khabar.Entity{
		Record: khabar.KindEntity, Doc: "d", ID: "e1", Type: "PLACE", Subtype: "city",
		Text: "جاسم", Start: 19, End: 23, Norm: "جاسم", Canonical: "جاسم", NameEn: "Jasim",
		IDs: map[string]string{"gazetteer": "C6111", "pcode": "C6111"}, Geo: &khabar.Geo{Lat: 32.99, Lon: 36.06},
		Source: "gazetteer:C6111", Sentence: 0, Prefix: "ب", Alternatives: []string{"SY120301"},
	}
	sum := &khabar.Summary{
		Record: khabar.KindSummary, Doc: "d", Status: "ok", Characters: 10, Bytes: 20,
		Counts: map[string]int{"PLACE": 1, "ORG": 0, "DATE": 0, "QUANTITY": 0, "events": 0}, RefDate: "2022-07-26", Errors: []string{},
	}
	errRec := &khabar.ErrorRecord{Record: khabar.KindError, Doc: "d", Error: "binary data (NUL byte at offset 4)"}
	toMap := func(rec any) map[string]any {
		b, err := json.Marshal(rec)
		require.NoError(t, err)
		var m map[string]any
		require.NoError(t, json.Unmarshal(b, &m))
		return m
	}
	// The unbroken records pass.
	for _, rec := range []any{entity, sum, errRec, fullEvent()} {
		b, err := json.Marshal(rec)
		require.NoError(t, err)
		require.NoError(t, validateJSON(sch, b), "%s", b)
	}

	tests := []struct {
		name   string
		rec    any
		mutate func(m map[string]any)
	}{
		{"entity type PERSON", entity, func(m map[string]any) { m["type"] = "PERSON" }},
		{"entity without start", entity, func(m map[string]any) { delete(m, "start") }},
		{"entity without text", entity, func(m map[string]any) { delete(m, "text") }},
		{"entity with negative end", entity, func(m map[string]any) { m["end"] = -1 }},
		{"entity with fractional start", entity, func(m map[string]any) { m["start"] = 1.5 }},
		{"entity with start as a string", entity, func(m map[string]any) { m["start"] = "19" }},
		{"entity with an undocumented field", entity, func(m map[string]any) { m["confidence"] = 0.9 }},
		{"entity with latitude 91", entity, func(m map[string]any) { m["geo"] = map[string]any{"lat": 91, "lon": 36} }},
		{"entity with longitude -181", entity, func(m map[string]any) { m["geo"] = map[string]any{"lat": 32, "lon": -181} }},
		{"entity with geo missing lon", entity, func(m map[string]any) { m["geo"] = map[string]any{"lat": 32} }},
		{"entity with a numeric id", entity, func(m map[string]any) { m["ids"] = map[string]any{"geonames": 8605265} }},
		{"entity with a bad source", entity, func(m map[string]any) { m["source"] = "C6111" }},
		{"PLACE entity with a date value", entity, func(m map[string]any) { m["value"] = "2021" }},
		{"DATE value not ISO", entity, func(m map[string]any) { m["type"] = "DATE"; m["value"] = "3/10/2021" }},
		{"DATE value with one-digit month", entity, func(m map[string]any) { m["type"] = "DATE"; m["value"] = "2021-1" }},
		{"DATE range without to", entity, func(m map[string]any) {
			m["type"] = "DATE"
			m["value"] = map[string]any{"from": "2021-10-01"}
		}},
		{"DATE range with an extra field", entity, func(m map[string]any) {
			m["type"] = "DATE"
			m["value"] = map[string]any{"from": "2021", "to": "2022", "approx": true}
		}},
		{"unknown record kind", entity, func(m map[string]any) { m["record"] = "mention" }},
		{"no record kind", entity, func(m map[string]any) { delete(m, "record") }},
		{"summary fields under the entity kind", sum, func(m map[string]any) { m["record"] = "entity" }},
		{"summary status done", sum, func(m map[string]any) { m["status"] = "done" }},
		{"summary without counts", sum, func(m map[string]any) { delete(m, "counts") }},
		{"summary counts without ORG", sum, func(m map[string]any) { delete(m["counts"].(map[string]any), "ORG") }},
		{"summary counts with PERSON", sum, func(m map[string]any) { m["counts"].(map[string]any)["PERSON"] = 1 }},
		{"summary with null errors", sum, func(m map[string]any) { m["errors"] = nil }},
		{"summary with a bad ref_date", sum, func(m map[string]any) { m["ref_date"] = "26/07/2022" }},
		{"summary with an undocumented field", sum, func(m map[string]any) { m["elapsed_ms"] = 3 }},
		{"error without error", errRec, func(m map[string]any) { delete(m, "error") }},
		{"error with an undocumented field", errRec, func(m map[string]any) { m["line"] = 3 }},
		{"event modality rumoured", fullEvent(), func(m map[string]any) { m["modality"] = "rumoured" }},
		{"event without trigger", fullEvent(), func(m map[string]any) { delete(m, "trigger") }},
		{"event trigger without start", fullEvent(), func(m map[string]any) { delete(m["trigger"].(map[string]any), "start") }},
		{"event with negative fatalities", fullEvent(), func(m map[string]any) { m["fatalities"] = map[string]any{"value": -1} }},
		{"event actor role actor3", fullEvent(), func(m map[string]any) {
			m["actors"] = []any{map[string]any{"role": "actor3", "name": "x"}}
		}},
		{"event date value null", fullEvent(), func(m map[string]any) { m["date"] = map[string]any{"value": nil} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := toMap(tt.rec)
			tt.mutate(m)
			b, err := json.Marshal(m)
			require.NoError(t, err)
			assert.Error(t, validateJSON(sch, b), "accepted %s", b)
		})
	}
}

// jsonFields returns the JSON names of a struct's fields and the names of
// those without omitempty.
func jsonFields(typ reflect.Type) (all, required []string) {
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		all = append(all, name)
		if !slices.Contains(strings.Split(opts, ","), "omitempty") {
			required = append(required, name)
		}
	}
	slices.Sort(all)
	slices.Sort(required)
	return all, required
}

// TestSchemaFollowsGoTypes checks the schema against records.go: every
// JSON field of every record type (and of its parts) is described, and
// the required fields are exactly those without omitempty. A field added
// to a record without documenting it fails here.
func TestSchemaFollowsGoTypes(t *testing.T) {
	defs := loadSchemaDoc(t).(map[string]any)["$defs"].(map[string]any)
	types := map[string]reflect.Type{
		"entity":        reflect.TypeFor[khabar.Entity](),
		"event":         reflect.TypeFor[khabar.Event](),
		"summary":       reflect.TypeFor[khabar.Summary](),
		"error":         reflect.TypeFor[khabar.ErrorRecord](),
		"geo":           reflect.TypeFor[khabar.Geo](),
		"textSpan":      reflect.TypeFor[khabar.TextSpan](),
		"range":         reflect.TypeFor[khabar.Range](),
		"eventDate":     reflect.TypeFor[khabar.EventDate](),
		"eventLocation": reflect.TypeFor[khabar.EventLocation](),
		"actor":         reflect.TypeFor[khabar.Actor](),
		"count":         reflect.TypeFor[khabar.Count](),
	}
	for name, typ := range types {
		t.Run(name, func(t *testing.T) {
			def, ok := defs[name].(map[string]any)
			require.True(t, ok, "$defs/%s missing", name)
			var props, req []string
			for p := range def["properties"].(map[string]any) {
				props = append(props, p)
			}
			for _, r := range def["required"].([]any) {
				req = append(req, r.(string))
			}
			slices.Sort(props)
			slices.Sort(req)
			all, required := jsonFields(typ)
			assert.Equal(t, all, props, "properties of $defs/%s vs. JSON fields of %s", name, typ)
			assert.Equal(t, required, req, "required of $defs/%s vs. fields of %s without omitempty", name, typ)
		})
	}
	// The record kinds: the one-of list names each kind's definition, and
	// its "record" const is the kind.
	kinds := map[string]string{"entity": khabar.KindEntity, "event": khabar.KindEvent, "summary": khabar.KindSummary, "error": khabar.KindError}
	for def, kind := range kinds {
		rec := defs[def].(map[string]any)["properties"].(map[string]any)["record"].(map[string]any)
		assert.Equal(t, kind, rec["const"], def)
	}
	for _, def := range []string{"entity", "summary", "error"} {
		assert.Equal(t, false, defs[def].(map[string]any)["additionalProperties"], "$defs/%s must not allow undocumented fields", def)
	}
}

// TestSchemaDocumentsEveryProperty checks that the schema doubles as
// documentation: every definition and property has a title and a
// description (its own or its $ref target's).
func TestSchemaDocumentsEveryProperty(t *testing.T) {
	root := loadSchemaDoc(t).(map[string]any)
	defs := root["$defs"].(map[string]any)
	documented := func(s map[string]any) bool {
		if ref, ok := s["$ref"].(string); ok {
			if _, ok := s["description"]; !ok {
				s = defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
			}
		}
		title, _ := s["title"].(string)
		desc, _ := s["description"].(string)
		return title != "" && desc != ""
	}
	assert.True(t, documented(root), "root")
	var walk func(path string, s map[string]any)
	walk = func(path string, s map[string]any) {
		if props, ok := s["properties"].(map[string]any); ok {
			for name, p := range props {
				p := p.(map[string]any)
				assert.True(t, documented(p), "%s/properties/%s has no title or description", path, name)
				walk(path+"/properties/"+name, p)
			}
		}
		for _, key := range []string{"oneOf", "anyOf"} {
			if alts, ok := s[key].([]any); ok {
				for _, a := range alts {
					walk(path+"/"+key, a.(map[string]any))
				}
			}
		}
		if items, ok := s["items"].(map[string]any); ok {
			walk(path+"/items", items)
		}
	}
	for name, d := range defs {
		d := d.(map[string]any)
		assert.True(t, documented(d), "$defs/%s has no title or description", name)
		walk("$defs/"+name, d)
	}
}
