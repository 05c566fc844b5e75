// Package batch runs an Extractor over many documents on several workers
// and hands their records to one sink in input order, whatever the number
// of workers: document i's records all come before document i+1's, and
// the records of the document at the head of the line stream as they are
// found. Memory is bounded: each document in flight buffers at most a
// fixed number of records, and only a few documents run ahead.
package batch

import (
	"context"
	"errors"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/khabar-ie/khabar"
	"github.com/khabar-ie/khabar/internal/source"
)

// Sink receives records in input order.
type Sink interface {
	// Record takes one record of the current document.
	Record(r khabar.Record) error
	// EndDocument is called after a document's last record; failed tells
	// whether the document had an error.
	EndDocument(id string, failed bool) error
	// Idle is called when no record is ready for the moment, a good time
	// to flush buffered output.
	Idle() error
}

// Runner processes documents.
type Runner struct {
	Extractor *khabar.Extractor
	// Workers is the number of documents processed at once; 0 means
	// runtime.GOMAXPROCS(0).
	Workers int
	// Decode wraps a document's reader (for --encoding); may be nil.
	Decode func(io.Reader) (io.Reader, error)
}

// Stats counts what a run did.
type Stats struct {
	Documents int // documents finished (ok or failed)
	Failed    int // documents with an error record
}

// bufferedRecords is how many records a document may hold before its
// worker waits for the sink.
const bufferedRecords = 256

type slot struct {
	item source.Item
	recs chan khabar.Record
}

// Run reads items from list (which calls its function once per document,
// in order) and delivers the records to sink. It returns when all
// documents are done, the context is cancelled, or the sink fails; the
// sink's error (such as a closed pipe) is returned as is.
func (r *Runner) Run(ctx context.Context, list func(func(source.Item) error) error, sink Sink) (Stats, error) {
	workers := r.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	work := make(chan *slot)
	order := make(chan *slot, 2*workers)
	var listErr error
	go func() {
		defer close(order)
		defer close(work)
		listErr = list(func(it source.Item) error {
			s := &slot{item: it, recs: make(chan khabar.Record, bufferedRecords)}
			select {
			case order <- s:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case work <- s:
			case <-ctx.Done():
				// The slot is queued for the sink but no worker will run
				// it: close it here so the drain does not wait forever.
				close(s.recs)
				return ctx.Err()
			}
			return nil
		})
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range work {
				r.process(ctx, s)
			}
		}()
	}

	var stats Stats
	sinkErr := r.drain(ctx, order, sink, &stats)
	cancel()
	// Let the lister and the workers see the cancellation and finish.
	for s := range order {
		for range s.recs {
		}
	}
	wg.Wait()
	switch {
	case sinkErr != nil:
		return stats, sinkErr
	case listErr != nil && !errors.Is(listErr, context.Canceled):
		return stats, listErr
	}
	return stats, parent.Err()
}

// drain writes the documents' records in order.
func (r *Runner) drain(ctx context.Context, order <-chan *slot, sink Sink, stats *Stats) error {
	for {
		var s *slot
		var ok bool
		select {
		case s, ok = <-order:
		default:
			// Waiting for the next document (a slow producer): flush.
			if err := sink.Idle(); err != nil {
				return err
			}
			s, ok = <-order
		}
		if !ok {
			return nil
		}
		failed := false
		for {
			var rec khabar.Record
			var ok bool
			select {
			case rec, ok = <-s.recs:
			default:
				if err := sink.Idle(); err != nil {
					return err
				}
				rec, ok = <-s.recs
			}
			if !ok {
				break
			}
			if rec.Kind() == khabar.KindError {
				failed = true
			}
			if err := sink.Record(rec); err != nil {
				return err
			}
		}
		if ctx.Err() != nil {
			return nil // the document was cut short: no end, no count
		}
		stats.Documents++
		if failed {
			stats.Failed++
		}
		if err := sink.EndDocument(s.item.ID, failed); err != nil {
			return err
		}
	}
}

// process runs one document, sending its records to its slot.
func (r *Runner) process(ctx context.Context, s *slot) {
	defer close(s.recs)
	send := func(rec khabar.Record) error {
		select {
		case s.recs <- rec:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	it := s.item
	if it.Err != nil {
		r.fail(it.ID, it.Err, send)
		return
	}
	var in io.Reader
	if it.Open != nil {
		rc, err := it.Open()
		if err != nil {
			r.fail(it.ID, err, send)
			return
		}
		defer rc.Close()
		in = rc
	} else {
		in = strings.NewReader(it.Text)
	}
	if r.Decode != nil {
		var err error
		if in, err = r.Decode(in); err != nil {
			r.fail(it.ID, err, send)
			return
		}
	}
	// Errors are already in the records (error record and summary);
	// cancellation and sink failures are handled by Run.
	_ = r.Extractor.ExtractReader(ctx, khabar.DocInfo{ID: it.ID, RefDate: it.RefDate}, in, send)
}

// fail reports a document that could not be opened.
func (r *Runner) fail(id string, err error, send func(khabar.Record) error) {
	if send(&khabar.ErrorRecord{Record: khabar.KindError, Doc: id, Error: err.Error()}) != nil {
		return
	}
	_ = send(r.Extractor.FailedSummary(id, err))
}
