package datafile

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEach(t *testing.T) {
	data := []byte("# comment\n\nhead\tمدينة\tcity\r\n  \nprep\tفي\n")
	var got [][]string
	require.NoError(t, Each(data, "cues.tsv", func(f []string) error {
		got = append(got, f)
		return nil
	}))
	assert.Equal(t, [][]string{{"head", "مدينة", "city"}, {"prep", "في"}}, got)

	err := Each(data, "cues.tsv", func(f []string) error {
		if f[0] == "prep" {
			return errors.New("bad kind")
		}
		return nil
	})
	assert.EqualError(t, err, "cues.tsv:5: bad kind", "the line counts comments and blanks")
}
