package source

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
)

// DefaultMaxLine is the longest JSON Lines record read (64 MiB); longer
// lines are reported and skipped.
const DefaultMaxLine = 64 << 20

// JSONL reads documents from JSON Lines: one object a line with "text"
// (required), "id" (string or number; default NAME:LINE) and "date"
// (YYYY-MM-DD or an RFC 3339 time; the document's reference date). Blank
// lines are skipped. Memory holds one line at a time.
type JSONL struct {
	// MaxLine bounds a line's length in bytes (DefaultMaxLine if 0).
	MaxLine int
}

type jsonDoc struct {
	ID   json.RawMessage `json:"id"`
	Text *string         `json:"text"`
	Date string          `json:"date"`
}

// Read calls fn for every document in r; name identifies r in messages.
// A malformed line becomes an Item with Err set and reading goes on.
func (j *JSONL) Read(ctx context.Context, r io.Reader, name string, fn func(Item) error) error {
	maxLine := j.MaxLine
	if maxLine <= 0 {
		maxLine = DefaultMaxLine
	}
	br := bufio.NewReaderSize(r, 64<<10)
	var line []byte
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		var tooLong bool
		var err error
		line, tooLong, err = readLine(br, line[:0], maxLine)
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\ufeff")) // a UTF-8 byte order mark
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("%s:%d: read: %w", name, n, err)
		}
		if len(bytes.TrimSpace(line)) > 0 || tooLong {
			if ferr := fn(parseLine(line, tooLong, name, n, maxLine)); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine reads one line into buf. A line longer than max is consumed to
// its end but not kept.
func readLine(br *bufio.Reader, buf []byte, max int) ([]byte, bool, error) {
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			// The line break does not count against the limit.
			content := len(bytes.TrimRight(chunk, "\r\n"))
			if len(buf)+content > max {
				tooLong, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err != nil:
			return buf, tooLong, err
		}
		return buf, tooLong, nil
	}
}

func parseLine(line []byte, tooLong bool, name string, n, max int) Item {
	id := name + ":" + strconv.Itoa(n)
	// Errors say where the line is: the default id already names the file
	// and line; an id of the document's own needs them added.
	where := "line " + strconv.Itoa(n)
	fail := func(format string, a ...any) Item {
		return Item{ID: id, Err: fmt.Errorf("%s: %s", where, fmt.Sprintf(format, a...))}
	}
	if tooLong {
		return fail("line longer than %d bytes, skipped", max)
	}
	var d jsonDoc
	// Unmarshal, unlike a Decoder, rejects anything after the object.
	if err := json.Unmarshal(line, &d); err != nil {
		return fail("not a JSON object: %v", err)
	}
	if len(d.ID) > 0 && string(d.ID) != "null" {
		var s string
		if err := json.Unmarshal(d.ID, &s); err == nil {
			if s != "" {
				id = s
			}
		} else if _, err := strconv.ParseFloat(string(d.ID), 64); err == nil {
			id = string(d.ID)
		} else {
			return fail("id must be a string or a number")
		}
	}
	if id != name+":"+strconv.Itoa(n) {
		where = name + " line " + strconv.Itoa(n)
	}
	if d.Text == nil {
		return fail("no \"text\" field")
	}
	it := Item{ID: id, Text: *d.Text}
	if d.Date != "" {
		t, err := ParseDate(d.Date)
		if err != nil {
			return fail("%v", err)
		}
		it.RefDate = t
	}
	return it
}

// ParseDate reads YYYY-MM-DD or an RFC 3339 time (whose date is used).
func ParseDate(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	return time.Time{}, errors.New("date " + strconv.Quote(s) + " is not YYYY-MM-DD")
}
