// Package datafile reads the small tab-separated data files the packages
// embed (clitics, cue words, common words): one record a line, blank lines
// and lines starting with # skipped, every error naming the file and line.
package datafile

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// Each calls fn with the tab-separated fields of every record of data, in
// order. An error from fn stops the reading and comes back as
// "name:line: error".
func Each(data []byte, name string, fn func(fields []string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if err := fn(strings.Split(text, "\t")); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
