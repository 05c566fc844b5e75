// Package normalize folds Arabic text into the form the matchers compare:
// presentation forms unfolded, diacritics, tatweel and invisible controls
// removed, alef/hamza/ya/ta-marbuta variants folded and digits made ASCII.
//
// Two forms are offered. [Normalizer.Transformer] is a
// golang.org/x/text/transform.Transformer for plain streaming normalization
// in fixed memory. [Normalizer.AppendMapped] also records, for every
// normalized code point, the range of original code points it came from, so
// a span found in normalized text maps back to the original exactly.
//
// Every rule is an option; the zero [Options] value applies them all (what
// matching wants). [Display] keeps the letters as written.
package normalize

// Options turns individual folding rules off. The zero value folds
// everything, which is what matching wants; each field keeps one class of
// characters as it was written.
type Options struct {
	// KeepPresentationForms leaves Arabic presentation forms
	// (U+FB50–U+FDFF, U+FE70–U+FEFF) and lam-alef ligatures as they are
	// instead of unfolding them to their NFKC letters.
	KeepPresentationForms bool
	// KeepDiacritics keeps harakat and other marks (U+064B–U+065F, U+0670)
	// and Quranic annotation signs (U+06D6–U+06ED).
	KeepDiacritics bool
	// KeepTatweel keeps the kashida U+0640.
	KeepTatweel bool
	// KeepControls keeps zero-width and bidi controls (ZWSP, ZWNJ, ZWJ, LRM,
	// RLM, ALM U+061C, LRE…RLO, LRI…PDI, word joiner, soft hyphen, BOM).
	KeepControls bool
	// KeepSpaces keeps Unicode spaces, tabs and other C0/C1 controls as they
	// are instead of mapping each to one ASCII space (line and paragraph
	// separators always become "\n" unless this is set).
	KeepSpaces bool
	// KeepAlef keeps أ إ آ ٱ instead of folding them to ا.
	KeepAlef bool
	// KeepAlefMaksura keeps ى instead of folding it to ي. (ى is never
	// folded to ا: that would turn إلى into الا.)
	KeepAlefMaksura bool
	// KeepTaMarbuta keeps ة instead of folding it to ه.
	KeepTaMarbuta bool
	// KeepHamzaCarriers keeps ؤ and ئ instead of folding them to و and ي.
	KeepHamzaCarriers bool
	// KeepPersianLetters keeps Persian keheh ک and farsi yeh ی instead of
	// folding them to ك and ي.
	KeepPersianLetters bool
	// KeepDigits keeps Arabic-Indic (٠–٩) and extended (۰–۹) digits and the
	// Arabic decimal and thousands separators (٫ ٬) instead of mapping them
	// to 0–9 . and ,.
	KeepDigits bool
}

// Display returns the options for text shown to people: letters, digits
// and diacritics stay as written; presentation forms are unfolded and
// tatweel, invisible controls and odd spaces removed.
func Display() Options {
	return Options{
		KeepDiacritics:     true,
		KeepAlef:           true,
		KeepAlefMaksura:    true,
		KeepTaMarbuta:      true,
		KeepHamzaCarriers:  true,
		KeepPersianLetters: true,
		KeepDigits:         true,
	}
}
