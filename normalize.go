package khabar

import (
	"golang.org/x/text/transform"

	"github.com/khabar-ie/khabar/internal/normalize"
)

// Normalizer folds Arabic text the way the extractor matches it. It is
// immutable and safe for concurrent use; build it once, it precomputes
// tables.
type Normalizer struct{ n *normalize.Normalizer }

// NewNormalizer returns a normalizer applying opts (the zero value folds
// everything; DisplayNormalization keeps letters as written).
func NewNormalizer(opts NormalizeOptions) *Normalizer {
	return &Normalizer{normalize.New(opts)}
}

// DisplayNormalization returns options for text shown to people: letters,
// digits and diacritics stay; presentation forms are unfolded and tatweel
// and invisible controls removed.
func DisplayNormalization() NormalizeOptions { return normalize.Display() }

// String returns s normalized.
func (n *Normalizer) String(s string) string { return n.n.String(s) }

// Transformer returns a transform.Transformer for streaming normalization
// in fixed memory (transform.NewReader, transform.NewWriter, Chain).
func (n *Normalizer) Transformer() transform.Transformer { return n.n.Transformer() }
