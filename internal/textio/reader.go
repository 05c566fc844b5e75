// Package textio reads document text: it turns a byte stream into blocks of
// valid UTF-8 that end on rune boundaries, replaces ill-formed sequences
// with U+FFFD the way the WHATWG Encoding Standard and Python's "replace"
// error handler do (one U+FFFD per maximal ill-formed subpart), counts the
// replacements, and refuses input that is not text at all (binary data,
// UTF-16 without a decoder, a legacy 8-bit encoding).
package textio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"unicode/utf8"
)

// DefaultBlockSize is the number of bytes read from the source at a time.
const DefaultBlockSize = 64 << 10

// sniffSize is how much of the start of a stream is examined for binary
// data or a foreign encoding (1 KiB: the first few sentences of a text).
const sniffSize = 1 << 10

// FormatError says why a stream is not UTF-8 text.
type FormatError struct {
	Reason string
}

// Error implements error.
func (e *FormatError) Error() string { return e.Reason }

// ErrNotText is matched by every *FormatError with errors.Is.
var ErrNotText = errors.New("not UTF-8 text")

// Is makes errors.Is(err, ErrNotText) true for format errors.
func (e *FormatError) Is(target error) bool { return target == ErrNotText }

// Reader yields the text of a stream as valid UTF-8 blocks.
type Reader struct {
	src       io.Reader
	buf       []byte // raw bytes read, not yet returned
	carry     []byte // an unfinished sequence kept for the next block
	readErr   error  // a read error, reported once the text before it is out
	out       []byte // sanitized block returned by Next when buf was not valid
	eof       bool
	started   bool
	invalid   int
	bytesRead int64
	sniff     bool
}

// NewReader returns a Reader over r that reads blocks of about blockSize
// bytes (DefaultBlockSize if blockSize <= 0). When sniff is true the start
// of the stream is checked and Next fails with a *FormatError if it looks
// binary or is in another encoding.
func NewReader(r io.Reader, blockSize int, sniff bool) *Reader {
	if blockSize <= 0 {
		blockSize = DefaultBlockSize
	}
	return &Reader{src: r, buf: make([]byte, 0, blockSize+utf8.UTFMax), sniff: sniff}
}

// Reset makes the Reader read a new stream, keeping its buffers.
func (r *Reader) Reset(src io.Reader, sniff bool) {
	*r = Reader{src: src, buf: r.buf[:0], carry: r.carry[:0], out: r.out[:0], sniff: sniff}
}

// Invalid returns the number of U+FFFD replacements made so far.
func (r *Reader) Invalid() int { return r.invalid }

// BytesRead returns the number of bytes read from the source so far.
func (r *Reader) BytesRead() int64 { return r.bytesRead }

// Next returns the next block of valid UTF-8, ending on a rune boundary.
// The block is valid until the following call. At the end of the stream it
// returns io.EOF; a read error from the source is returned wrapped, after
// the text read before it.
//
// The first block is held until sniffSize bytes (or the whole stream) have
// arrived, so the verdict on binary or foreign data does not depend on how
// the source happens to split its reads; after that each block is one
// read, so a stream's text is passed on as it comes.
func (r *Reader) Next() ([]byte, error) {
	r.buf = append(r.buf[:0], r.carry...)
	r.carry = r.carry[:0]
	for {
		r.fill()
		if len(r.buf) == 0 && r.readErr != nil {
			err := r.readErr
			r.readErr = nil
			return nil, fmt.Errorf("read: %w", err)
		}
		if len(r.buf) == 0 && r.eof {
			return nil, io.EOF
		}
		atEnd := r.eof || r.readErr != nil
		if !r.started {
			if len(r.buf) < sniffSize && !atEnd {
				continue // hold the first block until the sniff window is full
			}
			r.started = true
			if r.sniff {
				if err := sniffText(r.buf, atEnd); err != nil {
					return nil, err
				}
			}
			// A UTF-8 byte order mark is text, not an error; it is kept
			// (and counts as a code point) and the normalizer drops it.
		}
		block, rest := r.sanitize(r.buf, atEnd)
		if len(block) == 0 && !atEnd {
			continue // only an incomplete rune so far: read more
		}
		r.carry = append(r.carry[:0], rest...)
		return block, nil
	}
}

// fill makes one successful read (retrying empty ones) into the buffer's
// free room, which always has space for a rune's tail. It records the end
// of the stream or a read error; bytes read with an error are kept.
func (r *Reader) fill() {
	if r.eof || r.readErr != nil {
		return
	}
	if len(r.buf) == cap(r.buf) {
		r.buf = slices.Grow(r.buf, utf8.UTFMax)
	}
	for {
		n, err := r.src.Read(r.buf[len(r.buf):cap(r.buf)])
		r.buf = r.buf[:len(r.buf)+n]
		r.bytesRead += int64(n)
		switch {
		case err == io.EOF:
			r.eof = true
			return
		case err != nil:
			r.readErr = err
			return
		case n > 0:
			return
		}
	}
}

// sanitize splits raw into the valid UTF-8 block to return and the bytes to
// keep for next time (an incomplete sequence at the end, unless atEOF).
// The returned block aliases raw when raw is already valid.
func (r *Reader) sanitize(raw []byte, atEOF bool) (block, rest []byte) {
	end := len(raw)
	if !atEOF {
		end = completePrefix(raw)
	}
	if utf8.Valid(raw[:end]) {
		return raw[:end], raw[end:]
	}
	out := r.out[:0]
	for i := 0; i < end; {
		c := raw[i]
		if c < utf8.RuneSelf {
			out = append(out, c)
			i++
			continue
		}
		k, ok := sequenceLen(raw[i:end])
		if ok {
			out = append(out, raw[i:i+k]...)
		} else {
			out = append(out, "\uFFFD"...)
			r.invalid++
		}
		i += k
	}
	r.out = out
	return out, raw[end:]
}

// completePrefix returns the length of the longest prefix of b that does
// not end inside a sequence that more bytes could still complete.
func completePrefix(b []byte) int {
	// A sequence is at most 4 bytes, so only the last 3 can be a lead byte
	// of an unfinished one.
	for back := 1; back <= 3 && back <= len(b); back++ {
		i := len(b) - back
		c := b[i]
		if c < utf8.RuneSelf {
			return len(b)
		}
		if c >= 0xC0 { // a lead byte
			if _, ok := sequenceLen(b[i:]); ok {
				return len(b)
			}
			if isValidPrefix(b[i:]) {
				return i
			}
			return len(b)
		}
	}
	return len(b)
}

// sequenceLen examines the sequence starting at b[0] (a non-ASCII byte).
// It returns the length of a complete well-formed sequence and true, or the
// length of the maximal ill-formed subpart (at least 1) and false.
func sequenceLen(b []byte) (int, bool) {
	c := b[0]
	var need int
	lo, hi := byte(0x80), byte(0xBF)
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 2
	case c == 0xE0:
		need, lo = 3, 0xA0
	case c == 0xED:
		need, hi = 3, 0x9F
	case c >= 0xE1 && c <= 0xEF:
		need = 3
	case c == 0xF0:
		need, lo = 4, 0x90
	case c >= 0xF1 && c <= 0xF3:
		need = 4
	case c == 0xF4:
		need, hi = 4, 0x8F
	default:
		return 1, false
	}
	for k := 1; k < need; k++ {
		if k >= len(b) {
			return k, false
		}
		x := b[k]
		if k == 1 {
			if x < lo || x > hi {
				return 1, false
			}
		} else if x < 0x80 || x > 0xBF {
			return k, false
		}
	}
	return need, true
}

// isValidPrefix reports whether b (starting with a lead byte) is an
// incomplete but so far well-formed sequence.
func isValidPrefix(b []byte) bool {
	k, ok := sequenceLen(b)
	return !ok && k == len(b)
}

// sniffText rejects data that is not UTF-8 text, looking at the start of
// the stream.
func sniffText(b []byte, atEOF bool) error {
	head := b
	if len(head) > sniffSize {
		head = head[:sniffSize]
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return &FormatError{Reason: "UTF-16 text (byte order mark found); convert it to UTF-8 or pass --encoding utf-16"}
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return &FormatError{Reason: fmt.Sprintf("binary data (NUL byte at offset %d)", i)}
	}
	if !atEOF {
		// Do not judge a sequence cut by the sniff window.
		head = head[:completePrefix(head)]
	}
	if utf8.Valid(head) {
		return nil
	}
	bad, nonASCII := 0, 0
	for i := 0; i < len(head); {
		c := head[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		nonASCII++
		k, ok := sequenceLen(head[i:])
		if !ok {
			bad++
		}
		i += k
	}
	// A few stray bytes are replaced and counted; text where a real share
	// of the non-ASCII characters is ill-formed is in another encoding.
	if bad >= 8 && bad*10 >= nonASCII {
		return &FormatError{Reason: fmt.Sprintf("not UTF-8 (%d ill-formed sequences in the first %d bytes); if it is Windows-1256 or ISO-8859-6, pass --encoding", bad, len(head))}
	}
	return nil
}
