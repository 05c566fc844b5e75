package source

import (
	"context"
	"io"
)

// ContextReader returns a reader over r whose Read returns ctx.Err() as
// soon as ctx is cancelled, even while a read of r is blocked (a terminal
// or pipe that stays open and idle). Reads of r happen on a goroutine that
// is left blocked if ctx ends first, so use it for standard input, which
// lives as long as the process.
func ContextReader(ctx context.Context, r io.Reader) io.Reader {
	return &ctxReader{ctx: ctx, r: r, results: make(chan readResult)}
}

type ctxReader struct {
	ctx     context.Context
	r       io.Reader
	results chan readResult
	pending bool   // a read of r is under way
	buf     []byte // that read's buffer, owned by the goroutine while pending
}

type readResult struct {
	n   int
	err error
}

// Read implements io.Reader.
func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	if !c.pending {
		// The goroutine reads into its own buffer, never into p, since p
		// may be reused by the caller after a cancelled Read returns.
		if cap(c.buf) < len(p) {
			c.buf = make([]byte, len(p))
		}
		buf := c.buf[:len(p)]
		c.pending = true
		go func() {
			n, err := c.r.Read(buf)
			c.results <- readResult{n, err}
		}()
	}
	select {
	case res := <-c.results:
		c.pending = false
		n := copy(p, c.buf[:res.n])
		return n, res.err
	case <-c.ctx.Done():
		return 0, c.ctx.Err()
	}
}
