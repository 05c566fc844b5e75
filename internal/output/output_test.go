package output

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/khabar-ie/khabar"
)

// records returns the records the default extractor finds in text.
func records(t *testing.T, id, text string) []khabar.Record {
	t.Helper()
	x, err := khabar.New(khabar.Config{RefDate: time.Date(2022, 7, 26, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	var recs []khabar.Record
	for r, err := range x.Records(context.Background(), khabar.DocInfo{ID: id}, strings.NewReader(text)) {
		require.NoError(t, err)
		recs = append(recs, r)
	}
	require.NotEmpty(t, recs)
	return recs
}

const article = "قصفت قوات النظام بلدة جاسم في ريف درعا، وقالت شبكة \"درعا 24\" إن <الشرطة العسكرية الروسية> & دخلت الصنمين."

// handMade is a set of records with characters JSON encoders like to
// escape.
func handMade(doc string) []khabar.Record {
	return []khabar.Record{
		&khabar.Entity{Record: khabar.KindEntity, Doc: doc, ID: "e1", Type: "PLACE", Text: "<درعا> & \"جاسم\"", Start: 3, End: 9, Norm: "درعا", Source: "gazetteer:SY12",
			IDs: map[string]string{"gazetteer": "SY12"}, Geo: &khabar.Geo{Lat: 32.6, Lon: 36.1}},
		&khabar.Entity{Record: khabar.KindEntity, Doc: doc, ID: "e2", Type: "DATE", Text: "أمس", Value: &khabar.DateValue{Point: "2021-10-02"}, Source: "rule:relative"},
		&khabar.Event{Record: khabar.KindEvent, Doc: doc, ID: "v1", Type: "Battles", SubType: "Armed clash", Trigger: khabar.TextSpan{Text: "اشتباكات", Start: 20, End: 28}, Modality: "asserted", Source: "rule:clash"},
		&khabar.ErrorRecord{Record: khabar.KindError, Doc: doc, Error: "read: <broken> & gone"},
		&khabar.Summary{Record: khabar.KindSummary, Doc: doc, Status: "partial", Counts: map[string]int{"PLACE": 1}, Errors: []string{"read: <broken> & gone"}},
	}
}

func write(t *testing.T, format string, docs ...[]khabar.Record) string {
	t.Helper()
	var buf bytes.Buffer
	w, err := New(format, &buf)
	require.NoError(t, err)
	for _, recs := range docs {
		for _, r := range recs {
			require.NoError(t, w.Write(r))
		}
		require.NoError(t, w.EndDocument())
	}
	require.NoError(t, w.Close())
	return buf.String()
}

func TestJSONLines(t *testing.T) {
	for _, format := range []string{"jsonl", ""} {
		t.Run("format="+format, func(t *testing.T) {
			doc1 := records(t, "doc-1", article)
			doc2 := handMade("doc-2")
			out := write(t, format, doc1, doc2)

			require.True(t, strings.HasSuffix(out, "\n"))
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			all := append(append([]khabar.Record{}, doc1...), doc2...)
			require.Len(t, lines, len(all), "one line per record")
			for i, line := range lines {
				var obj map[string]any
				require.NoError(t, json.Unmarshal([]byte(line), &obj), "line %d: %s", i, line)
				assert.Equal(t, all[i].Kind(), obj["record"], "line %d", i)
				assert.Equal(t, all[i].DocID(), obj["doc"], "line %d", i)
				// The line is the record's own JSON, exactly.
				want, err := json.Marshal(all[i])
				require.NoError(t, err)
				assert.JSONEq(t, string(want), line)
			}
			assert.Contains(t, out, "جاسم", "Arabic is written as is")
			assert.NotContains(t, out, `\u0`, "no \\u escapes for Arabic or HTML characters")
			assert.Contains(t, out, `"<درعا> & \"جاسم\""`, "HTML characters are not escaped")
			assert.Contains(t, out, `"read: <broken> & gone"`)
		})
	}
}

func TestJSONLinesRecordKinds(t *testing.T) {
	out := write(t, "jsonl", handMade("d"))
	var kinds []string
	dec := json.NewDecoder(strings.NewReader(out))
	for {
		var obj struct {
			Record string `json:"record"`
		}
		if err := dec.Decode(&obj); errors.Is(err, io.EOF) {
			break
		} else {
			require.NoError(t, err)
		}
		kinds = append(kinds, obj.Record)
	}
	assert.Equal(t, []string{"entity", "entity", "event", "error", "summary"}, kinds)
}

func TestJSONLinesEndDocumentWritesNothing(t *testing.T) {
	var buf bytes.Buffer
	w, err := New("jsonl", &buf)
	require.NoError(t, err)
	require.NoError(t, w.EndDocument())
	require.NoError(t, w.EndDocument())
	require.NoError(t, w.Flush())
	assert.Empty(t, buf.String())
}

// perDoc is the shape of one document in the json format.
type perDoc struct {
	Doc      string            `json:"doc"`
	Entities []json.RawMessage `json:"entities"`
	Events   []json.RawMessage `json:"events"`
	Summary  map[string]any    `json:"summary"`
	Errors   []json.RawMessage `json:"errors"`
}

func TestJSONPerDocument(t *testing.T) {
	doc1 := records(t, "doc-1", article)
	doc2 := handMade("doc-2")
	doc3 := records(t, "empty", "")
	out := write(t, "json", doc1, doc2, doc3)

	dec := json.NewDecoder(strings.NewReader(out))
	var docs []perDoc
	var raws []map[string]json.RawMessage
	for dec.More() {
		var raw json.RawMessage
		require.NoError(t, dec.Decode(&raw))
		var d perDoc
		require.NoError(t, json.Unmarshal(raw, &d))
		docs = append(docs, d)
		var m map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(raw, &m))
		raws = append(raws, m)
	}
	require.Len(t, docs, 3, "one object per document")

	count := func(recs []khabar.Record, kind string) int {
		n := 0
		for _, r := range recs {
			if r.Kind() == kind {
				n++
			}
		}
		return n
	}
	for i, recs := range [][]khabar.Record{doc1, doc2, doc3} {
		d := docs[i]
		assert.Equal(t, recs[0].DocID(), d.Doc)
		assert.Len(t, d.Entities, count(recs, khabar.KindEntity))
		assert.Len(t, d.Events, count(recs, khabar.KindEvent))
		assert.Len(t, d.Errors, count(recs, khabar.KindError))
		require.NotNil(t, d.Summary)
		assert.Equal(t, "summary", d.Summary["record"])
		assert.Equal(t, d.Doc, d.Summary["doc"])
		for _, key := range []string{"doc", "entities", "events", "summary"} {
			assert.Contains(t, raws[i], key)
		}
	}
	assert.Positive(t, len(docs[0].Entities))
	assert.NotContains(t, raws[0], "errors", "errors only when there are some")
	assert.Equal(t, "[]", string(raws[2]["entities"]), "an empty list, not null")
	assert.Equal(t, "[]", string(raws[2]["events"]))
	assert.Equal(t, "ok", docs[2].Summary["status"])
	assert.Equal(t, "partial", docs[1].Summary["status"])

	// Entities keep their order and content.
	var first khabar.Entity
	require.NoError(t, json.Unmarshal(docs[0].Entities[0], &first))
	assert.Equal(t, *doc1[0].(*khabar.Entity), first)

	// Indented, Arabic and HTML characters as they are.
	assert.True(t, strings.HasPrefix(out, "{\n  \"doc\": \"doc-1\",\n  \"entities\": [\n    {\n"), out[:min(len(out), 80)])
	assert.Contains(t, out, "جاسم")
	assert.Contains(t, out, `"<درعا> & \"جاسم\""`)
	assert.NotContains(t, out, `\u0`)
}

func TestJSONEndDocumentWithNothingWritten(t *testing.T) {
	var buf bytes.Buffer
	w, err := New("json", &buf)
	require.NoError(t, err)
	require.NoError(t, w.EndDocument())
	require.NoError(t, w.Flush())
	assert.Empty(t, buf.String())

	// A document closed twice is written once.
	for _, r := range handMade("d") {
		require.NoError(t, w.Write(r))
	}
	require.NoError(t, w.EndDocument())
	require.NoError(t, w.EndDocument())
	require.NoError(t, w.Flush())
	dec := json.NewDecoder(&buf)
	n := 0
	for dec.More() {
		var v map[string]any
		require.NoError(t, dec.Decode(&v))
		n++
	}
	assert.Equal(t, 1, n)
}

func TestJSONWritesOnlyCompleteDocuments(t *testing.T) {
	var buf bytes.Buffer
	w, err := New("json", &buf)
	require.NoError(t, err)
	recs := handMade("d")
	for _, r := range recs[:2] {
		require.NoError(t, w.Write(r))
	}
	require.NoError(t, w.Flush())
	assert.Empty(t, buf.String(), "a document in progress is not written")
	for _, r := range recs[2:] {
		require.NoError(t, w.Write(r))
	}
	require.NoError(t, w.EndDocument())
	require.NoError(t, w.Flush())
	var d perDoc
	require.NoError(t, json.Unmarshal(buf.Bytes(), &d))
	assert.Equal(t, "d", d.Doc)
	assert.Len(t, d.Entities, 2)
	assert.Len(t, d.Events, 1)
	assert.Len(t, d.Errors, 1)
}

func TestFlushPushesBufferedOutput(t *testing.T) {
	var buf bytes.Buffer
	w, err := New("jsonl", &buf)
	require.NoError(t, err)
	require.NoError(t, w.Write(handMade("d")[0]))
	assert.Empty(t, buf.String(), "buffered until Flush")
	require.NoError(t, w.Flush())
	assert.Equal(t, 1, strings.Count(buf.String(), "\n"))
}

type failingWriter struct{ err error }

func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }

func TestWriteErrorsSurface(t *testing.T) {
	broken := errors.New("broken pipe")
	for _, format := range []string{"jsonl", "json"} {
		t.Run(format, func(t *testing.T) {
			w, err := New(format, failingWriter{broken})
			require.NoError(t, err)
			for _, r := range handMade("d") {
				require.NoError(t, w.Write(r), "buffered")
			}
			require.NoError(t, w.EndDocument())
			assert.ErrorIs(t, w.Flush(), broken)
		})
	}
}

func TestUnknownFormat(t *testing.T) {
	for _, format := range []string{"xml", "JSON", "CSV", "jsonlines", " json", "geo"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := New(format, &buf)
			require.Error(t, err)
			assert.Nil(t, w)
			assert.Contains(t, err.Error(), format)
			assert.Contains(t, err.Error(), "unknown format")
		})
	}
}
