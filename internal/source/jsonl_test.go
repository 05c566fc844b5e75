package source

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// read runs JSONL.Read over in and returns the items.
func read(t *testing.T, j *JSONL, in io.Reader) ([]Item, error) {
	t.Helper()
	var items []Item
	err := j.Read(context.Background(), in, "docs.jsonl", func(it Item) error {
		items = append(items, it)
		return nil
	})
	return items, err
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestJSONLRead(t *testing.T) {
	in := strings.Join([]string{
		`{"id": "a-1", "text": "قصف على درعا", "date": "2021-10-03"}`,
		`{"id": 42, "text": "نص"}`,
		`{"id": 4.5e1, "text": "x"}`,
		`{"text": "بلا معرف"}`,
		`{"id": null, "text": ""}`,
		`{"text": "t", "date": "2022-07-26T23:30:00+03:00"}`,
		`{"text": "unknown fields are ignored", "source": "sana", "n": [1, 2]}`,
		`  {"text": "leading spaces"}  `,
	}, "\n") + "\n"
	items, err := read(t, &JSONL{}, strings.NewReader(in))
	require.NoError(t, err)
	require.Len(t, items, 8)

	type got struct {
		ID, Text string
		Date     time.Time
	}
	var gs []got
	for _, it := range items {
		require.NoError(t, it.Err, it.ID)
		assert.Nil(t, it.Open, "inline text: no Open")
		gs = append(gs, got{it.ID, it.Text, it.RefDate})
	}
	assert.Equal(t, []got{
		{"a-1", "قصف على درعا", date(2021, 10, 3)},
		{"42", "نص", time.Time{}},
		{"4.5e1", "x", time.Time{}},
		{"docs.jsonl:4", "بلا معرف", time.Time{}},
		{"docs.jsonl:5", "", time.Time{}},
		{"docs.jsonl:6", "t", date(2022, 7, 26)},
		{"docs.jsonl:7", "unknown fields are ignored", time.Time{}},
		{"docs.jsonl:8", "leading spaces", time.Time{}},
	}, gs)
}

func TestJSONLBadLines(t *testing.T) {
	tests := []struct {
		line    string
		wantID  string
		wantErr string
	}{
		{`{"id": "x"}`, "x", `line 1: no "text" field`},
		{`{"id": "x", "text": null}`, "x", `line 1: no "text" field`},
		{`{}`, "docs.jsonl:1", `no "text" field`},
		{`{"id": "x", "text": `, "docs.jsonl:1", "line 1: not a JSON object"},
		{`not json`, "docs.jsonl:1", "not a JSON object"},
		{`[1, 2]`, "docs.jsonl:1", "not a JSON object"},
		{`"text"`, "docs.jsonl:1", "not a JSON object"},
		{`{"text": 5}`, "docs.jsonl:1", "not a JSON object"},
		{`{"text": "t", "date": 20211003}`, "docs.jsonl:1", "not a JSON object"},
		{`{"id": true, "text": "t"}`, "docs.jsonl:1", "line 1: id must be a string or a number"},
		{`{"id": {"a": 1}, "text": "t"}`, "docs.jsonl:1", "id must be a string or a number"},
		{`{"id": [1], "text": "t"}`, "docs.jsonl:1", "id must be a string or a number"},
		{`{"id": "d", "text": "t", "date": "03/10/2021"}`, "d", `line 1: date "03/10/2021" is not YYYY-MM-DD`},
		{`{"id": "d", "text": "t", "date": "2021-02-30"}`, "d", `date "2021-02-30" is not YYYY-MM-DD`},
		{`{"id": "d", "text": "t", "date": "2021-10-03T10:00:00"}`, "d", "is not YYYY-MM-DD"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			items, err := read(t, &JSONL{}, strings.NewReader(tt.line+"\n"))
			require.NoError(t, err, "a bad line is an item, not a failure of the read")
			require.Len(t, items, 1)
			it := items[0]
			require.Error(t, it.Err)
			assert.Equal(t, tt.wantID, it.ID)
			assert.Contains(t, it.Err.Error(), tt.wantErr)
			assert.Empty(t, it.Text)
			assert.Nil(t, it.Open)
		})
	}
}

func TestJSONLReadingContinuesAfterBadLines(t *testing.T) {
	in := "{\"id\":\"a\",\"text\":\"1\"}\n" +
		"{broken\n" +
		"\n" +
		"   \t \n" +
		"{\"id\":\"c\"}\n" +
		"{\"id\":\"d\",\"text\":\"4\",\"date\":\"yesterday\"}\n" +
		"{\"id\":\"e\",\"text\":\"5\"}"
	items, err := read(t, &JSONL{}, strings.NewReader(in))
	require.NoError(t, err)
	var ids, errs []string
	for _, it := range items {
		ids = append(ids, it.ID)
		if it.Err != nil {
			errs = append(errs, it.ID)
		}
	}
	assert.Equal(t, []string{"a", "docs.jsonl:2", "c", "d", "e"}, ids, "blank lines skipped but counted")
	assert.Equal(t, []string{"docs.jsonl:2", "c", "d"}, errs)
	assert.Equal(t, "5", items[4].Text, "a last line without newline is read")
}

func TestJSONLLineEndings(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"CRLF", "{\"text\":\"a\"}\r\n{\"text\":\"b\"}\r\n", []string{"a", "b"}},
		{"no final newline", "{\"text\":\"a\"}\n{\"text\":\"b\"}", []string{"a", "b"}},
		{"blank lines only", "\n\n  \n", nil},
		{"empty", "", nil},
		{"trailing blank lines", "{\"text\":\"a\"}\n\n\n", []string{"a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := read(t, &JSONL{}, strings.NewReader(tt.in))
			require.NoError(t, err)
			var texts []string
			for _, it := range items {
				require.NoError(t, it.Err)
				texts = append(texts, it.Text)
			}
			assert.Equal(t, tt.want, texts)
		})
	}
}

func TestJSONLMaxLine(t *testing.T) {
	long := `{"id":"long","text":"` + strings.Repeat("ش", 200) + `"}`
	in := `{"id":"a","text":"short"}` + "\n" + long + "\n" + `{"id":"b","text":"after"}` + "\n" + long
	items, err := read(t, &JSONL{MaxLine: 100}, strings.NewReader(in))
	require.NoError(t, err)
	require.Len(t, items, 4)
	assert.Equal(t, "a", items[0].ID)
	assert.NoError(t, items[0].Err)

	assert.Equal(t, "docs.jsonl:2", items[1].ID, "the id of a skipped line is not read")
	require.Error(t, items[1].Err)
	assert.Contains(t, items[1].Err.Error(), "line longer than 100 bytes")

	assert.Equal(t, "b", items[2].ID)
	assert.NoError(t, items[2].Err)
	assert.Equal(t, "after", items[2].Text)

	assert.Equal(t, "docs.jsonl:4", items[3].ID, "a too long last line without newline")
	assert.Error(t, items[3].Err)
}

func TestJSONLMaxLineLongerThanReadBuffer(t *testing.T) {
	// Lines longer than the reader's 64 KiB buffer are put together from
	// several chunks, both when kept and when skipped.
	big := strings.Repeat("د", 100<<10) // 200 KiB
	in := `{"id":"big","text":"` + big + `"}` + "\n" + `{"id":"next","text":"x"}` + "\n"
	items, err := read(t, &JSONL{}, strings.NewReader(in))
	require.NoError(t, err)
	require.Len(t, items, 2)
	require.NoError(t, items[0].Err)
	assert.Equal(t, big, items[0].Text)
	assert.Equal(t, "next", items[1].ID)

	items, err = read(t, &JSONL{MaxLine: 150 << 10}, strings.NewReader(in))
	require.NoError(t, err)
	require.Len(t, items, 2)
	assert.Error(t, items[0].Err)
	require.NoError(t, items[1].Err)
	assert.Equal(t, "x", items[1].Text)
}

func TestJSONLLineOfExactlyMaxLine(t *testing.T) {
	line := `{"text":"abcdefgh"}` // 19 bytes
	items, err := read(t, &JSONL{MaxLine: len(line)}, strings.NewReader(line+"\n"+line+"\n"))
	require.NoError(t, err)
	require.Len(t, items, 2)
	for _, it := range items {
		assert.NoError(t, it.Err)
		assert.Equal(t, "abcdefgh", it.Text)
	}
}

func TestJSONLTrailingDataIsAnError(t *testing.T) {
	for _, line := range []string{`{"id":"a","text":"1"}{"id":"b","text":"2"}`, `{"id":"a","text":"1"} junk`} {
		items, err := read(t, &JSONL{}, strings.NewReader(line+"\n"))
		require.NoError(t, err)
		require.Len(t, items, 1)
		assert.Error(t, items[0].Err, line)
	}
}

func TestJSONLOneByteReads(t *testing.T) {
	in := "{\"id\":1,\"text\":\"أ\"}\n\n{\"id\":2,\"text\":\"ب\"}"
	items, err := read(t, &JSONL{MaxLine: 30}, iotest.OneByteReader(strings.NewReader(in)))
	require.NoError(t, err)
	require.Len(t, items, 2)
	assert.Equal(t, "1", items[0].ID)
	assert.Equal(t, "ب", items[1].Text)
}

func TestJSONLReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	r := io.MultiReader(strings.NewReader("{\"text\":\"a\"}\n{\"te"), iotest.ErrReader(boom))
	items, err := read(t, &JSONL{}, r)
	require.Error(t, err)
	assert.ErrorIs(t, err, boom)
	assert.Contains(t, err.Error(), "docs.jsonl:2")
	require.Len(t, items, 1)
	assert.Equal(t, "a", items[0].Text)
}

func TestJSONLCallbackErrorStops(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	err := (&JSONL{}).Read(context.Background(), strings.NewReader("{\"text\":\"a\"}\nbad\n{\"text\":\"c\"}\n"), "n", func(Item) error {
		calls++
		if calls == 2 {
			return stop
		}
		return nil
	})
	assert.ErrorIs(t, err, stop)
	assert.Equal(t, 2, calls)
}

func TestJSONLCancel(t *testing.T) {
	in := strings.Repeat("{\"text\":\"a\"}\n", 10)
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	err := (&JSONL{}).Read(ctx, strings.NewReader(in), "n", func(Item) error {
		calls++
		if calls == 3 {
			cancel()
		}
		return nil
	})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 3, calls)

	calls = 0
	err = (&JSONL{}).Read(ctx, strings.NewReader(in), "n", func(Item) error { calls++; return nil })
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, calls)
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2021-10-03", date(2021, 10, 3), true},
		{"2024-02-29", date(2024, 2, 29), true},
		{"2021-10-03T00:00:00Z", date(2021, 10, 3), true},
		{"2021-10-03T23:59:59-05:00", date(2021, 10, 3), true}, // its own date, not UTC's
		{"2021-10-03T01:00:00+03:00", date(2021, 10, 3), true},
		{"2021-10-03T10:20:30.123456789Z", date(2021, 10, 3), true},
		{"2023-02-29", time.Time{}, false},
		{"2021-13-01", time.Time{}, false},
		{"2021-1-3", time.Time{}, false},
		{"03-10-2021", time.Time{}, false},
		{"2021/10/03", time.Time{}, false},
		{"2021-10", time.Time{}, false},
		{"2021-10-03 10:00:00", time.Time{}, false},
		{"", time.Time{}, false},
		{"٢٠٢١-١٠-٠٣", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if !tt.ok {
				require.Error(t, err)
				assert.Contains(t, err.Error(), "is not YYYY-MM-DD")
				assert.True(t, got.IsZero())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, time.UTC, got.Location())
		})
	}
}
