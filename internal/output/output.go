// Package output writes records in the formats the CLI offers: JSON Lines
// (one record a line, as they are found), pretty JSON (one object per
// document), CSV (one row per event, ACLED's columns) and GeoJSON (a
// FeatureCollection of events, and optionally of places). Writers buffer;
// Flush pushes what is complete; Close ends the output.
package output

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/khabar-ie/khabar"
)

// Writer receives the records of one document after another.
type Writer interface {
	// Write takes one record of the current document.
	Write(r khabar.Record) error
	// EndDocument closes the current document (after its summary).
	EndDocument() error
	// Flush writes buffered output to the underlying writer.
	Flush() error
	// Close ends the output (a GeoJSON collection's closing brackets) and
	// flushes it.
	Close() error
}

// Options tune a format.
type Options struct {
	// Places adds the PLACE entities to GeoJSON output.
	Places bool
}

// New returns a writer for the named format.
func New(format string, w io.Writer) (Writer, error) { return NewWith(format, w, Options{}) }

// NewWith returns a writer for the named format with options.
func NewWith(format string, w io.Writer, opt Options) (Writer, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	switch format {
	case "jsonl", "":
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		return &jsonLines{bw: bw, enc: enc}, nil
	case "json":
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return &perDocument{bw: bw, enc: enc}, nil
	case "csv":
		return newCSV(bw)
	case "geojson":
		return &geoJSON{bw: bw, places: opt.Places}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want %s)", format, formats)
}

// jsonLines writes every record on its own line.
type jsonLines struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

// Write encodes r on a line of its own.
func (j *jsonLines) Write(r khabar.Record) error { return j.enc.Encode(r) }

// EndDocument does nothing: records are already out.
func (j *jsonLines) EndDocument() error { return nil }

// Flush implements Writer.
func (j *jsonLines) Flush() error { return j.bw.Flush() }

// Close implements Writer.
func (j *jsonLines) Close() error { return j.bw.Flush() }

// perDocument gathers a document's records and writes them as one
// indented object: {"doc", "entities", "events", "summary", "errors"}.
type perDocument struct {
	bw  *bufio.Writer
	enc *json.Encoder
	cur *khabar.Result
}

// Write adds r to the current document.
func (p *perDocument) Write(r khabar.Record) error {
	if p.cur == nil {
		p.cur = &khabar.Result{Doc: r.DocID(), Entities: []*khabar.Entity{}, Events: []*khabar.Event{}}
	}
	p.cur.Add(r)
	return nil
}

// EndDocument writes the document as one indented object.
func (p *perDocument) EndDocument() error {
	if p.cur == nil {
		return nil
	}
	err := p.enc.Encode(p.cur)
	p.cur = nil
	return err
}

// Flush implements Writer.
func (p *perDocument) Flush() error { return p.bw.Flush() }

// Close implements Writer.
func (p *perDocument) Close() error { return p.bw.Flush() }
