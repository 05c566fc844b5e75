package textio

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// Decode wraps r so that text in the named encoding is read as UTF-8. The
// name is any WHATWG label ("windows-1256", "iso-8859-6", "utf-16le"…);
// "utf-16" follows a byte order mark and defaults to little-endian. An
// empty name or "utf-8" returns r unchanged.
func Decode(r io.Reader, name string) (io.Reader, error) {
	enc, err := Encoding(name)
	if err != nil || enc == nil {
		return r, err
	}
	return enc.NewDecoder().Reader(r), nil
}

// Encoding returns the encoding for name, or nil for UTF-8.
func Encoding(name string) (encoding.Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "utf-8", "utf8":
		return nil, nil
	case "utf-16", "utf16":
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), nil
	}
	enc, err := htmlindex.Get(name)
	if err != nil {
		return nil, fmt.Errorf("unknown encoding %q (try windows-1256, iso-8859-6, utf-16)", name)
	}
	return enc, nil
}
