package sqlstore

import (
	"slices"
	"testing"
)

// TestChangeLog: the topics of consecutive generations are joined; a
// generation not yet recorded stops the answer before it, so that a cache
// never skips a change; one forgotten makes the answer incomplete.
func TestChangeLog(t *testing.T) {
	var l changeLog
	l.reset(10) // the database stood at 10 when the node opened it
	l.add(11, []string{"s1", "l:ru"})
	l.add(13, []string{"site"}) // 12 is committing on another connection
	topics, upTo, complete := l.since(10)
	if !slices.Equal(topics, []string{"l:ru", "s1"}) || upTo != 11 || !complete {
		t.Fatalf("since 10 = %v, %d, %v; want [l:ru s1], 11, complete", topics, upTo, complete)
	}
	l.add(12, []string{"s2"})
	if topics, upTo, _ = l.since(11); !slices.Equal(topics, []string{"s2", "site"}) || upTo != 13 {
		t.Fatalf("since 11 = %v, %d", topics, upTo)
	}
	if l.known() != 13 {
		t.Fatalf("known = %d, want 13", l.known())
	}
	if _, upTo, complete = l.since(5); complete || upTo != 13 {
		t.Fatalf("since 5, before the node opened the database: upTo %d, complete %v; want 13, incomplete", upTo, complete)
	}
	for g := int64(14); g < 14+keptChanges+10; g++ {
		l.add(g, []string{"s3"})
	}
	if _, _, complete = l.since(13); complete {
		t.Fatal("a cache behind more than keptChanges generations was given an answer")
	}
	newest := int64(14 + keptChanges + 9)
	if topics, upTo, complete = l.since(newest - 1); !complete || upTo != newest || !slices.Equal(topics, []string{"s3"}) {
		t.Fatalf("since %d = %v, %d, %v", newest-1, topics, upTo, complete)
	}
}
