package textio

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
)

func readAll(t *testing.T, r *Reader) (string, error) {
	t.Helper()
	var out bytes.Buffer
	for {
		b, err := r.Next()
		if err == io.EOF {
			return out.String(), nil
		}
		if err != nil {
			return out.String(), err
		}
		require.True(t, utf8.Valid(b), "block must be valid UTF-8")
		out.Write(b)
	}
}

// TestReplacementMatchesWHATWG checks the U+FFFD count against the
// WHATWG/Python rule: one replacement per maximal ill-formed subpart. The
// expected strings are what Python's bytes.decode("utf-8", "replace") gives.
func TestReplacementMatchesWHATWG(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		invalid int
	}{
		{"valid", "درعا 24", "درعا 24", 0},
		{"lone continuation", "a\x80b", "a\ufffdb", 1},
		{"truncated 3-byte then ascii", "\xe2\x82a", "\ufffda", 1},
		{"truncated 2-byte at end", "ب\xd8", "ب\ufffd", 1},
		{"overlong", "\xc0\xaf", "\ufffd\ufffd", 2},
		{"surrogate", "\xed\xa0\x80", "\ufffd\ufffd\ufffd", 3},
		{"too large", "\xf4\x90\x80\x80", "\ufffd\ufffd\ufffd\ufffd", 4},
		{"two bad leads", "\xff\xfe", "\ufffd\ufffd", 2},
		{"truncated 4-byte", "\xf0\x9f\x98x", "\ufffdx", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.in), 0, false)
			got, err := readAll(t, r)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.invalid, r.Invalid())
		})
	}
}

func TestBlocksEndOnRuneBoundaries(t *testing.T) {
	text := strings.Repeat("تصدى مقاتلون محليون 😀 في مدينة جاسم. ", 300)
	for _, size := range []int{1, 2, 3, 5, 64, 1000} {
		r := NewReader(iotest.OneByteReader(strings.NewReader(text)), size, true)
		got, err := readAll(t, r)
		require.NoError(t, err)
		assert.Equal(t, text, got, "block size %d", size)
		assert.Zero(t, r.Invalid())
		assert.Equal(t, int64(len(text)), r.BytesRead())
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"nul byte", []byte("abc\x00def"), "binary data (NUL byte at offset 3)"},
		{"utf-16 le bom", []byte{0xFF, 0xFE, 'a', 0}, "UTF-16"},
		{"windows-1256", mustEncode(t, strings.Repeat("تصدى مقاتلون محليون في مدينة جاسم ", 10)), "not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewReader(bytes.NewReader(tt.in), 0, true).Next()
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrNotText))
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	// A few stray bytes in real text are replaced, not refused.
	in := strings.Repeat("مقاتلون محليون ", 50) + "\xff\xfe" + "جاسم"
	r := NewReader(strings.NewReader(in), 0, true)
	got, err := readAll(t, r)
	require.NoError(t, err)
	assert.Equal(t, 2, r.Invalid())
	assert.True(t, strings.HasSuffix(got, "\ufffd\ufffdجاسم"))
}

func TestEmptyInput(t *testing.T) {
	_, err := NewReader(strings.NewReader(""), 0, true).Next()
	assert.Equal(t, io.EOF, err)
}

func TestReadErrorIsWrapped(t *testing.T) {
	boom := errors.New("boom")
	_, err := NewReader(iotest.ErrReader(boom), 0, true).Next()
	assert.ErrorIs(t, err, boom)
}

func TestDecodeLegacyEncodings(t *testing.T) {
	text := "تصدى مقاتلون محليون في مدينة جاسم"
	r, err := Decode(bytes.NewReader(mustEncode(t, text)), "windows-1256")
	require.NoError(t, err)
	got, err := readAll(t, NewReader(r, 0, true))
	require.NoError(t, err)
	assert.Equal(t, text, got)

	utf16 := []byte{0xFF, 0xFE}
	for _, c := range "جاسم" {
		utf16 = append(utf16, byte(c), byte(c>>8))
	}
	r, err = Decode(bytes.NewReader(utf16), "utf-16")
	require.NoError(t, err)
	got, err = readAll(t, NewReader(r, 0, true))
	require.NoError(t, err)
	assert.Equal(t, "جاسم", got)

	_, err = Decode(strings.NewReader(""), "klingon")
	assert.ErrorContains(t, err, "unknown encoding")
}

func mustEncode(t *testing.T, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1256.NewEncoder().Bytes([]byte(s))
	require.NoError(t, err)
	return b
}
