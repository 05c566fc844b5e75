package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/khabar-ie/khabar"
	"github.com/khabar-ie/khabar/internal/source"
)

var (
	extractorOnce sync.Once
	extractor     *khabar.Extractor
	extractorErr  error
)

// newExtractor builds the default extractor once for the package's tests.
func newExtractor(t *testing.T) *khabar.Extractor {
	t.Helper()
	extractorOnce.Do(func() {
		extractor, extractorErr = khabar.New(khabar.Config{RefDate: time.Date(2022, 7, 26, 0, 0, 0, 0, time.UTC)})
	})
	require.NoError(t, extractorErr)
	return extractor
}

// event is one sink call in readable form.
type event struct {
	Call   string // record, end
	Doc    string
	Kind   string // record kind, for records
	Failed bool   // for ends
}

// recorder is a Sink that logs every call. Its hooks may fail on purpose.
type recorder struct {
	mu     sync.Mutex
	events []event
	recs   []khabar.Record
	idle   int

	onRecord func(n int, r khabar.Record) error // n counts records from 1
	onEnd    func(n int, id string) error       // n counts ends from 1
	onIdle   func() error
	ends     int
}

func (s *recorder) Record(r khabar.Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.events = append(s.events, event{Call: "record", Doc: r.DocID(), Kind: r.Kind()})
	s.recs = append(s.recs, r)
	if s.onRecord != nil {
		return s.onRecord(len(s.recs), r)
	}
	return nil
}

func (s *recorder) EndDocument(id string, failed bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ends++
	s.events = append(s.events, event{Call: "end", Doc: id, Failed: failed})
	if s.onEnd != nil {
		return s.onEnd(s.ends, id)
	}
	return nil
}

func (s *recorder) Idle() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.idle++
	if s.onIdle != nil {
		return s.onIdle()
	}
	return nil
}

// listOf returns a list function over items.
func listOf(items []source.Item) func(func(source.Item) error) error {
	return func(fn func(source.Item) error) error {
		for _, it := range items {
			if err := fn(it); err != nil {
				return err
			}
		}
		return nil
	}
}

const sentence = "قصفت قوات النظام بلدة جاسم في ريف درعا الشمالي، وقالت شبكة درعا 24 إن الشرطة العسكرية الروسية دخلت الصنمين. "

// corpus returns n documents of varied sizes: some empty, some with more
// entities than a document may buffer before the sink drains it.
func corpus(n int) []source.Item {
	items := make([]source.Item, n)
	for i := range items {
		reps := (i * 7) % 13
		if i%10 == 3 {
			reps = 60 // about 360 records: more than bufferedRecords
		}
		items[i] = source.Item{ID: fmt.Sprintf("doc-%03d", i), Text: strings.Repeat(sentence, reps)}
	}
	return items
}

// checkGrouping asserts that the sink saw, for each item in order, its
// records contiguously, a summary last, then one EndDocument, and returns
// the records per document.
func checkGrouping(t *testing.T, items []source.Item, events []event) map[string][]event {
	t.Helper()
	byDoc := map[string][]event{}
	pos := 0
	for _, it := range items {
		var recs []event
		for pos < len(events) && events[pos].Call == "record" {
			require.Equal(t, it.ID, events[pos].Doc, "event %d: records of %s must come next", pos, it.ID)
			recs = append(recs, events[pos])
			pos++
		}
		require.Less(t, pos, len(events), "no EndDocument for %s", it.ID)
		require.Equal(t, "end", events[pos].Call)
		require.Equal(t, it.ID, events[pos].Doc)
		require.NotEmpty(t, recs, "%s has records", it.ID)
		assert.Equal(t, khabar.KindSummary, recs[len(recs)-1].Kind, "%s ends with its summary", it.ID)
		for _, r := range recs[:len(recs)-1] {
			assert.NotEqual(t, khabar.KindSummary, r.Kind, "%s: one summary", it.ID)
		}
		byDoc[it.ID] = recs
		pos++
	}
	assert.Equal(t, len(events), pos, "nothing after the last document")
	return byDoc
}

func TestRunKeepsInputOrder(t *testing.T) {
	x := newExtractor(t)
	items := corpus(60)

	// What each document gives on its own.
	want := map[string]int{}
	for _, it := range items {
		res, err := x.Extract(context.Background(), khabar.Document{ID: it.ID, Text: it.Text})
		require.NoError(t, err)
		want[it.ID] = len(res.Entities) + len(res.Events) + 1
	}
	require.Greater(t, want["doc-003"], bufferedRecords, "the corpus must hold a document larger than the buffer")
	require.Equal(t, 1, want["doc-000"], "and an empty one")

	for _, workers := range []int{1, 2, 8, 0} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			sink := &recorder{}
			r := &Runner{Extractor: x, Workers: workers}
			stats, err := r.Run(context.Background(), listOf(items), sink)
			require.NoError(t, err)
			assert.Equal(t, Stats{Documents: len(items), Failed: 0}, stats)
			byDoc := checkGrouping(t, items, sink.events)
			for _, it := range items {
				assert.Len(t, byDoc[it.ID], want[it.ID], it.ID)
				for _, e := range sink.events {
					if e.Call == "end" && e.Doc == it.ID {
						assert.False(t, e.Failed)
					}
				}
			}
		})
	}
}

func TestRunRecordsMatchExtract(t *testing.T) {
	x := newExtractor(t)
	items := corpus(12)
	sink := &recorder{}
	_, err := (&Runner{Extractor: x, Workers: 4}).Run(context.Background(), listOf(items), sink)
	require.NoError(t, err)
	got := map[string]*khabar.Result{}
	for _, r := range sink.recs {
		res := got[r.DocID()]
		if res == nil {
			res = &khabar.Result{Doc: r.DocID(), Entities: []*khabar.Entity{}, Events: []*khabar.Event{}}
			got[r.DocID()] = res
		}
		res.Add(r)
	}
	require.Len(t, got, len(items))
	for _, it := range items {
		want, err := x.Extract(context.Background(), khabar.Document{ID: it.ID, Text: it.Text})
		require.NoError(t, err)
		assert.Equal(t, want, got[it.ID], it.ID)
	}
}

func TestRunFailedItems(t *testing.T) {
	x := newExtractor(t)
	openErr := errors.New("open exploded")
	decodeErr := errors.New("unknown encoding")
	items := []source.Item{
		{ID: "ok-1", Text: sentence},
		{ID: "missing", Err: errors.New("no such file or directory")},
		{ID: "ok-2", Text: sentence + sentence},
		{ID: "bad-open", Open: func() (io.ReadCloser, error) { return nil, openErr }},
		{ID: "opened", Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(sentence)), nil }},
		{ID: "ok-3", Text: ""},
	}
	for _, workers := range []int{1, 3} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			sink := &recorder{}
			stats, err := (&Runner{Extractor: x, Workers: workers}).Run(context.Background(), listOf(items), sink)
			require.NoError(t, err, "a bad document does not fail the run")
			assert.Equal(t, Stats{Documents: 6, Failed: 2}, stats)
			byDoc := checkGrouping(t, items, sink.events)

			for _, id := range []string{"missing", "bad-open"} {
				assert.Equal(t, []event{
					{Call: "record", Doc: id, Kind: khabar.KindError},
					{Call: "record", Doc: id, Kind: khabar.KindSummary},
				}, byDoc[id])
			}
			failed := map[string]bool{}
			for _, e := range sink.events {
				if e.Call == "end" {
					failed[e.Doc] = e.Failed
				}
			}
			assert.Equal(t, map[string]bool{"ok-1": false, "missing": true, "ok-2": false, "bad-open": true, "opened": false, "ok-3": false}, failed)
			assert.Greater(t, len(byDoc["opened"]), 1, "a document read through Open is processed")
			assert.Equal(t, len(byDoc["ok-1"]), len(byDoc["opened"]), "same text, same records")

			for _, r := range sink.recs {
				switch v := r.(type) {
				case *khabar.ErrorRecord:
					assert.Equal(t, khabar.KindError, v.Record)
					switch v.Doc {
					case "missing":
						assert.Equal(t, "no such file or directory", v.Error)
					case "bad-open":
						assert.Equal(t, openErr.Error(), v.Error)
					default:
						t.Errorf("unexpected error record for %s", v.Doc)
					}
				case *khabar.Summary:
					if v.Doc == "missing" || v.Doc == "bad-open" {
						assert.Equal(t, "failed", v.Status)
						assert.Len(t, v.Errors, 1)
					} else {
						assert.Equal(t, "ok", v.Status, v.Doc)
					}
				}
			}
		})
	}

	t.Run("decode error", func(t *testing.T) {
		sink := &recorder{}
		r := &Runner{Extractor: x, Workers: 2, Decode: func(in io.Reader) (io.Reader, error) {
			b, _ := io.ReadAll(in)
			if strings.Contains(string(b), "latin1") {
				return nil, decodeErr
			}
			return strings.NewReader(string(b)), nil
		}}
		items := []source.Item{{ID: "a", Text: sentence}, {ID: "b", Text: "latin1"}, {ID: "c", Text: sentence}}
		stats, err := r.Run(context.Background(), listOf(items), sink)
		require.NoError(t, err)
		assert.Equal(t, Stats{Documents: 3, Failed: 1}, stats)
		byDoc := checkGrouping(t, items, sink.events)
		assert.Equal(t, khabar.KindError, byDoc["b"][0].Kind)
		assert.Greater(t, len(byDoc["a"]), 1)
	})
}

func TestRunClosesOpenedDocuments(t *testing.T) {
	x := newExtractor(t)
	var mu sync.Mutex
	open := map[string]int{}
	var items []source.Item
	for i := range 20 {
		id := fmt.Sprint(i)
		items = append(items, source.Item{ID: id, Open: func() (io.ReadCloser, error) {
			mu.Lock()
			open[id]++
			mu.Unlock()
			return &closer{Reader: strings.NewReader(sentence), onClose: func() {
				mu.Lock()
				open[id]--
				mu.Unlock()
			}}, nil
		}})
	}
	_, err := (&Runner{Extractor: x, Workers: 4}).Run(context.Background(), listOf(items), &recorder{})
	require.NoError(t, err)
	for _, it := range items {
		assert.Zero(t, open[it.ID], "%s closed", it.ID)
	}
}

type closer struct {
	io.Reader
	onClose func()
}

func (c *closer) Close() error { c.onClose(); return nil }

// runWithTimeout runs r and fails the test if it does not return.
func runWithTimeout(t *testing.T, ctx context.Context, r *Runner, list func(func(source.Item) error) error, sink Sink) (Stats, error) {
	t.Helper()
	type out struct {
		stats Stats
		err   error
	}
	done := make(chan out, 1)
	go func() {
		s, err := r.Run(ctx, list, sink)
		done <- out{s, err}
	}()
	select {
	case o := <-done:
		return o.stats, o.err
	case <-time.After(15 * time.Second):
		t.Fatal("Run did not return")
		return Stats{}, nil
	}
}

// gated returns a list function over items and a channel closed once the
// last item has been handed to a worker. A sink that waits for it before
// failing fails with nothing left to list.
func gated(items []source.Item) (func(func(source.Item) error) error, <-chan struct{}) {
	listed := make(chan struct{})
	return func(fn func(source.Item) error) error {
		defer close(listed)
		return listOf(items)(fn)
	}, listed
}

// smallCorpus returns n documents whose records fit a document's buffer,
// so every document can be handed out while the sink is blocked.
func smallCorpus(n int) []source.Item {
	items := make([]source.Item, n)
	for i := range items {
		items[i] = source.Item{ID: fmt.Sprintf("small-%02d", i), Text: strings.Repeat(sentence, 1+i%4)}
	}
	return items
}

func countEnds(events []event) int {
	n := 0
	for _, e := range events {
		if e.Call == "end" {
			n++
		}
	}
	return n
}

func TestRunSinkRecordError(t *testing.T) {
	x := newExtractor(t)
	closed := errors.New("write: broken pipe")
	for _, workers := range []int{1, 2, 8} {
		for _, after := range []int{1, 5, 15} {
			t.Run(fmt.Sprintf("workers=%d after=%d", workers, after), func(t *testing.T) {
				// At most 2*workers documents wait in line, one is drained.
				items := smallCorpus(2*workers + 1)
				list, listed := gated(items)
				sink := &recorder{onRecord: func(n int, _ khabar.Record) error {
					if n >= after {
						<-listed
						return closed
					}
					return nil
				}}
				stats, err := runWithTimeout(t, context.Background(), &Runner{Extractor: x, Workers: workers}, list, sink)
				require.ErrorIs(t, err, closed)
				assert.Equal(t, closed, err, "the sink's error is returned as is")
				assert.Len(t, sink.recs, after, "no record after the sink failed")
				assert.Less(t, stats.Documents, len(items))
				assert.Equal(t, stats.Documents, countEnds(sink.events))
			})
		}
	}
}

// The sink may fail at any time, also while the list is still handing out
// documents (a closed pipe on a long run).
func TestRunSinkErrorWhileListing(t *testing.T) {
	x := newExtractor(t)
	items := corpus(40)
	closed := errors.New("write: broken pipe")
	for _, workers := range []int{1, 2, 8} {
		for _, after := range []int{1, 5, 300} {
			t.Run(fmt.Sprintf("workers=%d after=%d", workers, after), func(t *testing.T) {
				sink := &recorder{onRecord: func(n int, _ khabar.Record) error {
					if n >= after {
						return closed
					}
					return nil
				}}
				stats, err := runWithTimeout(t, context.Background(), &Runner{Extractor: x, Workers: workers}, listOf(items), sink)
				assert.Equal(t, closed, err)
				assert.Len(t, sink.recs, after)
				assert.Equal(t, stats.Documents, countEnds(sink.events))
			})
		}
	}
}

func TestRunSinkEndDocumentError(t *testing.T) {
	x := newExtractor(t)
	boom := errors.New("boom")
	items := smallCorpus(6)
	list, listed := gated(items)
	sink := &recorder{onEnd: func(n int, _ string) error {
		if n == 2 {
			<-listed
			return boom
		}
		return nil
	}}
	stats, err := runWithTimeout(t, context.Background(), &Runner{Extractor: x, Workers: 3}, list, sink)
	assert.Equal(t, boom, err)
	assert.Equal(t, 2, sink.ends, "no EndDocument after the failing one")
	assert.Equal(t, 2, stats.Documents)
	last := sink.events[len(sink.events)-1]
	assert.Equal(t, event{Call: "end", Doc: items[1].ID}, last, "nothing after the failing call")
}

func TestRunSinkIdleError(t *testing.T) {
	x := newExtractor(t)
	boom := errors.New("flush: disk full")
	items := smallCorpus(4)
	list, listed := gated(items)
	sink := &recorder{onIdle: func() error {
		<-listed
		return boom
	}}
	// The first document is slow to start, so the sink waits (and idles)
	// before any record is ready.
	slowStart := func(in io.Reader) (io.Reader, error) {
		b, err := io.ReadAll(in)
		if strings.HasPrefix(string(b), sentence) && len(b) == len(sentence) {
			time.Sleep(30 * time.Millisecond)
		}
		return strings.NewReader(string(b)), err
	}
	stats, err := runWithTimeout(t, context.Background(), &Runner{Extractor: x, Workers: 2, Decode: slowStart}, list, sink)
	assert.Equal(t, boom, err)
	assert.Equal(t, 1, sink.idle)
	assert.Empty(t, sink.recs)
	assert.Zero(t, stats.Documents)
}

func TestRunCallsIdle(t *testing.T) {
	x := newExtractor(t)
	sink := &recorder{}
	slow := func(fn func(source.Item) error) error {
		for i := range 3 {
			time.Sleep(5 * time.Millisecond)
			if err := fn(source.Item{ID: fmt.Sprint(i), Text: sentence}); err != nil {
				return err
			}
		}
		return nil
	}
	stats, err := runWithTimeout(t, context.Background(), &Runner{Extractor: x, Workers: 1}, slow, sink)
	require.NoError(t, err)
	assert.Equal(t, 3, stats.Documents)
	assert.Positive(t, sink.idle, "the sink is told when it waits")
}

func TestRunListError(t *testing.T) {
	x := newExtractor(t)
	bad := errors.New("glob \"[\": syntax error in pattern")
	list := func(fn func(source.Item) error) error {
		for _, it := range corpus(3) {
			if err := fn(it); err != nil {
				return err
			}
		}
		return bad
	}
	sink := &recorder{}
	stats, err := runWithTimeout(t, context.Background(), &Runner{Extractor: x, Workers: 2}, list, sink)
	assert.Equal(t, bad, err)
	assert.Equal(t, 3, stats.Documents, "the documents listed before the error are processed")
	checkGrouping(t, corpus(3), sink.events)
}

func TestRunEmptyList(t *testing.T) {
	x := newExtractor(t)
	sink := &recorder{}
	stats, err := runWithTimeout(t, context.Background(), &Runner{Extractor: x, Workers: 3}, listOf(nil), sink)
	require.NoError(t, err)
	assert.Equal(t, Stats{}, stats)
	assert.Empty(t, sink.events)
}

func TestRunCancelled(t *testing.T) {
	x := newExtractor(t)
	for _, workers := range []int{1, 2, 8} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			items := smallCorpus(2 * workers)
			list, listed := gated(items)
			sink := &recorder{onRecord: func(n int, _ khabar.Record) error {
				if n == 3 {
					<-listed
					cancel()
				}
				return nil
			}}
			stats, err := runWithTimeout(t, ctx, &Runner{Extractor: x, Workers: workers}, list, sink)
			assert.ErrorIs(t, err, context.Canceled)
			assert.Less(t, stats.Documents, len(items))
			assert.Equal(t, stats.Documents, countEnds(sink.events))
			for _, e := range sink.events {
				assert.Equal(t, items[0].ID, e.Doc, "the run stops within the first document")
			}
		})
	}
}

func TestRunCancelledLongDocument(t *testing.T) {
	// Cancelling stops a document in the middle: it gets no summary and no
	// EndDocument.
	x := newExtractor(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	items := []source.Item{{ID: "long", Text: strings.Repeat(sentence, 5000)}}
	list, listed := gated(items)
	sink := &recorder{onRecord: func(n int, _ khabar.Record) error {
		if n == 10 {
			<-listed
			cancel()
		}
		return nil
	}}
	stats, err := runWithTimeout(t, ctx, &Runner{Extractor: x, Workers: 2}, list, sink)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, stats.Documents)
	assert.Zero(t, countEnds(sink.events))
	for _, r := range sink.recs {
		assert.NotEqual(t, khabar.KindSummary, r.Kind())
	}
	assert.Less(t, len(sink.recs), 5000*6, "the document was not processed to its end")
}

func TestRunCancelledWhileListing(t *testing.T) {
	x := newExtractor(t)
	for _, workers := range []int{1, 2, 8} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			listed := 0
			// An endless list: only cancellation ends the run.
			list := func(fn func(source.Item) error) error {
				for i := 0; ; i++ {
					listed++
					if err := fn(source.Item{ID: fmt.Sprint(i), Text: strings.Repeat(sentence, i%5)}); err != nil {
						return err
					}
				}
			}
			sink := &recorder{onRecord: func(n int, _ khabar.Record) error {
				if n == 50 {
					cancel()
				}
				return nil
			}}
			stats, err := runWithTimeout(t, ctx, &Runner{Extractor: x, Workers: workers}, list, sink)
			assert.ErrorIs(t, err, context.Canceled)
			assert.Less(t, stats.Documents, listed)
			assert.Equal(t, stats.Documents, countEnds(sink.events))
		})
	}
	t.Run("before start", func(t *testing.T) {
		for range 20 {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			sink := &recorder{}
			stats, err := runWithTimeout(t, ctx, &Runner{Extractor: x, Workers: 2}, listOf(corpus(10)), sink)
			assert.ErrorIs(t, err, context.Canceled)
			assert.Zero(t, stats.Documents)
			assert.Zero(t, countEnds(sink.events))
		}
	})
}

func TestRunRefDate(t *testing.T) {
	x := newExtractor(t)
	items := []source.Item{
		{ID: "dated", Text: sentence, RefDate: time.Date(2021, 10, 3, 0, 0, 0, 0, time.UTC)},
		{ID: "undated", Text: sentence},
	}
	sink := &recorder{}
	_, err := (&Runner{Extractor: x, Workers: 2}).Run(context.Background(), listOf(items), sink)
	require.NoError(t, err)
	dates := map[string]string{}
	for _, r := range sink.recs {
		if s, ok := r.(*khabar.Summary); ok {
			dates[s.Doc] = s.RefDate
		}
	}
	assert.Equal(t, map[string]string{"dated": "2021-10-03", "undated": "2022-07-26"}, dates)
}
