package khabar_test

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/khabar-ie/khabar"
)

// fuzzExtractors caches one Extractor per sentence limit and decision
// window.
var fuzzExtractors sync.Map // [2]int → *khabar.Extractor

// fuzzWindows are the decision windows fuzzed: the default, sentence by
// sentence, and a tiny one that cuts documents into many windows.
var fuzzWindows = []int{0, -1, 100}

func fuzzExtractor(t *testing.T, limit, window int) *khabar.Extractor {
	key := [2]int{limit, window}
	if x, ok := fuzzExtractors.Load(key); ok {
		return x.(*khabar.Extractor)
	}
	x, _ := fuzzExtractors.LoadOrStore(key, newExtractor(t, khabar.Config{MaxSentenceBytes: limit, ContextBytes: window}))
	return x.(*khabar.Extractor)
}

// FuzzExtract runs any bytes through ExtractReader, with the default
// sentence limit or a small one, with the default decision window, none or
// a tiny one, read whole or in small chunks: no panic;
// the document is either text (no error) or refused with a
// *DocumentError; every entity's text is exactly the original's code
// points [start, end) (see checkEntities for the other record
// invariants); the token view agrees with the text too; and chunked
// reading gives the same records.
func FuzzExtract(f *testing.F) {
	seeds := []string{
		"",
		"قُتل مدني في مدينة جاسم بدرعا، بحسب عنب بلدي.",
		"تصدى مقاتلون محليون في مدينة جاسم لدورية أمنية تابعة للنظام السوري.\nقيادي سابق في مدينة جاسم بدرعا.",
		"ﺟﺎﺳﻢ ﻭﺩﺭﻋﺎ، ﻭاﻷمم المتحدة ﻻ ﺗﻌﻠﻖ. اﻹتحاد الروسي ﷲ ﷺ",
		"\u200fقتل في \u2067جا\u200fسم\u2069 ب\u200dدرعا، بحسب \u202bعنب\u00ad بلدي\u202c.",
		"قتل في جاسم\r\nوقالت عنب بلدي إن قوات النظام\r\nقصفت درعا.\r\n",
		"ونشرت شبكة “درعا ٢٤” المحلية، وشبكة درعا ۲۴ في ٣/١٠/٢٠٢١.",
		"قتل \xff في جاسم\xc0\xaf بدرعا \xe1\x80، بحسب \xed\xa0\x80 عنب بلدي.",
		"\ufeffتركيا وروسيا والأمم المتحدة في حوران.",
		"وبجاسم وللنظام السوري ولدرعا وبالصنمين فرع “أمن الدولة” و(عنب بلدي)",
		"\x00\x01binary",
		"\xff\xfe'\x06",
		strings.Repeat("جاسم", 40),
		"قتل\n  " + strings.Repeat("جاسم ", 20),
		"وقال وجهاء جاسم إن المفاوضات مستمرة.\nوكانت دورية اقتحمت مدينة جاسم.\nقتل شاب في الهبارية ونمر.",
		"قالت وزارة الداخلية السعودية إن لاجئة سورية وصلت، وفاز ليفربول الإنكليزي في ريف حلب الشمالي.",
		"قالت «الشرق الأوسط» إن الوضع في الشرق الأوسط وفي قرية المنصورة بريف الرقة هادئ.",
		"أفاد ناشطون أن العدد المؤكد لقتلى النظام خلال المواجهات في جاسم هو عشرة، مرجحًا أن يصل إلى 13 قتيلًا.\nوتدور حالياً اشتباكات عنيفة، ودعت الأمم المتحدة إلى وقف إطلاق النار.\nوسيطرت الفصائل على مدينة درعا في 3 من تشرين الأول 2021.",
	}
	for i, s := range seeds {
		f.Add([]byte(s), uint8(i), uint16(0))
		f.Add([]byte(s), uint8(i), uint16(13+i*7))
	}

	f.Fuzz(func(t *testing.T, data []byte, chunk uint8, limit uint16) {
		maxBytes := int(limit) % 512 // 0: the default
		x := fuzzExtractor(t, maxBytes, fuzzWindows[int(limit)/512%len(fuzzWindows)])
		recs, err := extractAll(x, "fuzz", bytes.NewReader(data))
		var docErr *khabar.DocumentError
		if err != nil && !errors.As(err, &docErr) {
			t.Fatalf("ExtractReader: %v", err)
		}
		s := summary(t, recs)
		if err != nil {
			if s.Status != "failed" || len(entities(recs)) != 0 || recs[len(recs)-2].Kind() != khabar.KindError {
				t.Fatalf("refused document: status %s, %d records", s.Status, len(recs))
			}
			return
		}
		if s.Status != "ok" {
			t.Fatalf("status %s without an error", s.Status)
		}
		checkEntities(t, data, recs)
		checkEvents(t, data, recs)

		// The token view.
		runes := decodeWHATWG(data)
		last := 0
		tokens := func(tok khabar.Token) error {
			// Tokens unfolded from one presentation form share its span,
			// so starts only never decrease.
			if tok.Start < last || tok.Start >= tok.End || tok.End > len(runes) {
				t.Fatalf("token %q [%d,%d) before %d or outside %d code points", tok.Text, tok.Start, tok.End, last, len(runes))
			}
			if got := string(runes[tok.Start:tok.End]); got != tok.Text {
				t.Fatalf("token [%d,%d) text %q, original %q", tok.Start, tok.End, tok.Text, got)
			}
			last = tok.Start
			return nil
		}
		err = x.Tokens(context.Background(), khabar.DocInfo{ID: "fuzz"}, bytes.NewReader(data), tokens)
		if err != nil {
			t.Fatalf("Tokens: %v", err)
		}

		// Chunked reading gives the same records.
		r := &chunkReader{r: bytes.NewReader(data), rng: rand.New(rand.NewPCG(uint64(chunk), 1)), max: 1 + int(chunk)%16}
		chunked, err := extractAll(x, "fuzz", r)
		if errors.As(err, &docErr) {
			t.Fatalf("refused when read in chunks, accepted when read whole (%v): see TestRefusedWhateverTheChunking", err)
		}
		if err != nil {
			t.Fatalf("chunked: %v", err)
		}
		if a, b := marshalAll(t, recs), marshalAll(t, chunked); a != b {
			t.Fatalf("chunked reading differs:\n%s\nvs.\n%s", b, a)
		}
	})
}
