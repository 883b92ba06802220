package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// testPurges: the changes a node writes are its own to purge from shared
// caches, and it hears of each after its commit; another node takes over
// what a node claimed but never sent once the claim lapses; nothing is
// handed out twice while a claim holds, nor after it was sent.
func testPurges(t *testing.T, open Opener) {
	f := newFixture(t, open)
	s := f.s
	const lease = time.Minute
	gens := func(cs []khabar.Change) []int64 {
		var out []int64
		for _, c := range cs {
			out = append(out, c.Gen)
		}
		return out
	}
	claim := func(node string) []int64 {
		t.Helper()
		cs, err := s.ClaimPurges(ctx, node, lease, 1000)
		must(t, err)
		return gens(cs)
	}
	// Before any node purges, changes are claimed by nobody: the first
	// node to look takes them all.
	before := claim("a")
	if len(before) == 0 || before[len(before)-1] != s.Generation() {
		t.Fatalf("node a claimed %v of the changes written before any node purged; the generation is %d", before, s.Generation())
	}
	if got := claim("b"); len(got) != 0 {
		t.Fatalf("node b claimed %v, held by node a", got)
	}
	must(t, s.PurgesSent(ctx, before))

	var heard []khabar.Change
	s.PurgeOwnChanges("a", lease, func(ctx context.Context, c khabar.Change) {
		if s.Generation() < c.Gen {
			t.Errorf("node a heard of change %d before it committed (generation %d)", c.Gen, s.Generation())
		}
		heard = append(heard, c)
	})
	since := s.Generation()
	x := f.story(t, f.politics.ID, []int64{f.putin.ID}, "ru")
	want, _, _ := s.ChangesSince(since)
	if len(heard) != 1 || heard[0].Gen != s.Generation() || !slices.Equal(heard[0].Topics, want) {
		t.Fatalf("after one write node a heard %+v; want generation %d with topics %v", heard, s.Generation(), want)
	}
	// A draft, a failed write and a quiet one are no changes.
	must(t, s.SaveVersion(ctx, &khabar.Version{StoryID: x.ID, Lang: "en", Title: "Draft", Slug: "draft", Status: khabar.StatusDraft}, 0))
	if err := s.SaveVersion(ctx, &khabar.Version{StoryID: x.ID, Lang: "ru", Title: "", Slug: "x"}, 0); err == nil {
		t.Fatal("a version without a title was saved")
	}
	must(t, s.CreateSession(ctx, &khabar.Session{TokenHash: "purge-test", UserID: f.author.ID, CreatedAt: f.clock.now, ExpiresAt: f.clock.now.Add(time.Hour)}))
	if len(heard) != 1 {
		t.Errorf("a draft, a refused write and a session were heard of as changes: %+v", heard[1:])
	}
	own := heard[0].Gen
	if got := claim("b"); slices.Contains(got, own) {
		t.Errorf("node b claimed change %d, which node a wrote a moment ago", own)
	}
	if got := claim("a"); !slices.Equal(got, []int64{own}) {
		t.Errorf("node a's unsent changes: %v, want [%d]", got, own)
	}
	// Node a dies before sending: once its claim lapses, b takes it over.
	f.clock.now = f.clock.now.Add(2 * lease)
	if got := claim("b"); !slices.Equal(got, []int64{own}) {
		t.Errorf("after node a's claim lapsed node b claimed %v, want [%d]", got, own)
	}
	if got := claim("a"); len(got) != 0 {
		t.Errorf("node a still holds %v, claimed by node b since", got)
	}
	must(t, s.PurgesSent(ctx, []int64{own}))
	f.clock.now = f.clock.now.Add(2 * lease)
	if got := claim("c"); len(got) != 0 {
		t.Errorf("changes already purged were handed out again: %v", got)
	}
}
