package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/khabar-ie/khabar"
)

// eventArticle reports a clash with a figure, in a place with coordinates.
const eventArticle = "اندلعت اشتباكات عنيفة بين قوات النظام ومقاتلين محليين في مدينة جاسم بريف درعا، أسفرت عن مقتل 13 عنصرًا، بحسب شبكة \"درعا 24\"."

// TestCSVReadsBack writes events as CSV and reads them back: a header of
// ACLED's columns, one row per event with the same values as the record.
func TestCSVReadsBack(t *testing.T) {
	recs := records(t, "a.txt", eventArticle)
	var events []*khabar.Event
	for _, r := range recs {
		if e, ok := r.(*khabar.Event); ok {
			events = append(events, e)
		}
	}
	require.NotEmpty(t, events, "the article reports an event")
	out := write(t, "csv", recs)
	rows, err := csv.NewReader(bytes.NewReader([]byte(out))).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 1+len(events), "a header and a row per event")
	assert.Equal(t, csvHeader, rows[0])
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, name := range []string{"event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "admin2",
		"location", "latitude", "longitude", "geo_precision", "fatalities", "notes", "source"} {
		assert.Contains(t, col, name, "ACLED column %s", name)
	}
	for i, ev := range events {
		row := rows[1+i]
		assert.Equal(t, "a.txt#"+ev.ID, row[col["event_id"]])
		assert.Equal(t, ev.Date.Value.String(), row[col["event_date"]])
		if ev.Type == "battle" {
			assert.Equal(t, "Battles", row[col["event_type"]])
			assert.Equal(t, "Armed clash", row[col["sub_event_type"]])
			assert.Equal(t, "جاسم", row[col["location"]])
			assert.Equal(t, "درعا", row[col["admin1"]])
			lat, err := strconv.ParseFloat(row[col["latitude"]], 64)
			require.NoError(t, err)
			assert.InDelta(t, 32.99, lat, 0.01)
			assert.Equal(t, "13", row[col["fatalities"]])
			assert.Equal(t, "درعا 24", row[col["source"]])
		}
	}
	// Entities and summaries make no rows; no events, no output at all.
	var noEvents []khabar.Record
	for _, r := range handMade("b.txt") {
		if _, ok := r.(*khabar.Event); !ok {
			noEvents = append(noEvents, r)
		}
	}
	assert.Empty(t, write(t, "csv", noEvents))
}

// TestGeoJSONStructure checks the output against RFC 7946's structure: one
// FeatureCollection whose features have "type": "Feature", a geometry that
// is null or a Point of [longitude, latitude] within range, and a
// properties object; with places on, PLACE entities are features too.
func TestGeoJSONStructure(t *testing.T) {
	recs := records(t, "a.txt", eventArticle)
	for _, places := range []bool{false, true} {
		var buf bytes.Buffer
		w, err := NewWith("geojson", &buf, Options{Places: places})
		require.NoError(t, err)
		for _, r := range recs {
			require.NoError(t, w.Write(r))
		}
		require.NoError(t, w.EndDocument())
		// Two documents in one collection.
		for _, r := range handMade("b.txt") {
			require.NoError(t, w.Write(r))
		}
		require.NoError(t, w.Close())

		var fc map[string]any
		require.NoError(t, json.Unmarshal(buf.Bytes(), &fc), buf.String())
		assert.Equal(t, "FeatureCollection", fc["type"])
		features, ok := fc["features"].([]any)
		require.True(t, ok)
		kinds := map[string]int{}
		for _, f := range features {
			feat := f.(map[string]any)
			assert.Equal(t, "Feature", feat["type"])
			props, ok := feat["properties"].(map[string]any)
			require.True(t, ok, "properties is an object")
			kinds[props["kind"].(string)]++
			if feat["geometry"] == nil {
				continue
			}
			geom := feat["geometry"].(map[string]any)
			assert.Equal(t, "Point", geom["type"])
			c := geom["coordinates"].([]any)
			require.Len(t, c, 2)
			lon, lat := c[0].(float64), c[1].(float64)
			assert.True(t, lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90, "[lon, lat] in range: %v", c)
			if props["kind"] == "event" && props["location"] == "جاسم" {
				assert.InDelta(t, 36.06, lon, 0.01, "longitude first")
			}
		}
		assert.Positive(t, kinds["event"])
		if places {
			assert.Positive(t, kinds["place"])
		} else {
			assert.Zero(t, kinds["place"])
		}
	}
	// No records at all: still a valid, empty collection.
	var buf bytes.Buffer
	w, err := NewWith("geojson", &buf, Options{})
	require.NoError(t, err)
	require.NoError(t, w.Close())
	assert.JSONEq(t, `{"type":"FeatureCollection","features":[]}`, buf.String())
}
