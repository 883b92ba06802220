package newsroom_test

import (
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// TestChannelsFollowTheWorkflow: what the channel should show is queued
// with the change itself: a scheduled publication posts when the
// scheduler publishes it, a draft's edits queue nothing, a withdrawal
// queues the deletion; only editors post by hand, only administrators
// set the channel.
func TestChannelsFollowTheWorkflow(t *testing.T) {
	e := newEnv(t)
	code(t, e.svc.SaveChannel(ctx, e.editor, khabar.Channel{Lang: "ru", ChatID: "@khabar_ru", AutoPost: true}), khabar.EForbidden)
	code(t, e.svc.SaveChannel(ctx, e.admin, khabar.Channel{Lang: "xx", ChatID: "@khabar_xx"}), khabar.EInvalid)
	must(t, e.svc.SaveChannel(ctx, e.admin, khabar.Channel{Lang: "ru", ChatID: "@khabar_ru", AutoPost: true}))

	st, v, err := e.svc.CreateStory(ctx, e.editor, newsroom.StoryInput{}, newsroom.VersionInput{Lang: "ru", Title: "Саммит в Казани", Body: "<p>Текст.</p>"})
	must(t, err)
	v, err = e.svc.SaveVersion(ctx, e.editor, st.ID, newsroom.VersionInput{Lang: "ru", Title: "Саммит в Казани завершился", Body: "<p>Текст.</p>", BaseRevision: v.Revision})
	must(t, err)
	if _, err := e.store.ChannelPost(ctx, st.ID, "ru"); !khabar.IsNotFound(err) {
		t.Fatalf("a draft's edit queued a post: %v", err)
	}
	err = e.svc.PostToChannel(ctx, e.editor, st.ID, "ru")
	code(t, err, khabar.EInvalid) // not published

	v, err = e.svc.Transition(ctx, e.editor, st.ID, "ru", khabar.StatusScheduled, e.clock.now.Add(time.Hour), v.Revision)
	must(t, err)
	if _, err := e.store.ChannelPost(ctx, st.ID, "ru"); !khabar.IsNotFound(err) {
		t.Fatal("a scheduled story was posted before it was published")
	}
	e.clock.now = e.clock.now.Add(2 * time.Hour)
	if n, err := e.svc.PublishDue(ctx); err != nil || n != 1 {
		t.Fatalf("PublishDue = %d, %v", n, err)
	}
	p, err := e.store.ChannelPost(ctx, st.ID, "ru")
	must(t, err)
	if p.State != khabar.PostQueued || p.Want != khabar.WantPost || p.ChatID != "@khabar_ru" {
		t.Fatalf("after the scheduled publication: %+v", p)
	}
	vs, _ := e.store.Versions(ctx, st.ID)
	v = &vs[0]
	_, err = e.svc.Transition(ctx, e.editor, st.ID, "ru", khabar.StatusUnpublished, time.Time{}, v.Revision)
	must(t, err)
	p, err = e.store.ChannelPost(ctx, st.ID, "ru")
	must(t, err)
	if p.Want != khabar.WantDelete || p.State != khabar.PostDeleted {
		t.Fatalf("a withdrawal before the post was made: %+v (nothing to delete)", p)
	}
	code(t, e.svc.PostToChannel(ctx, e.author, st.ID, "ru"), khabar.EForbidden)
	log, _, err := e.store.AuditLog(ctx, khabar.AuditFilter{Object: "channel/", Limit: 10})
	must(t, err)
	if !hasAudit(log, "channel.save") {
		t.Errorf("no channel.save in %+v", log)
	}
}
