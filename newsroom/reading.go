package newsroom

import "github.com/khabarnews/khabar"

// The newsroom's pages and the Admin API read through the store directly;
// these say what of it the actor may see, so that every reading door
// applies the site's PrivateDrafts setting the same way.

// MayRead reports whether actor may see version v of story in the
// newsroom.
func MayRead(settings khabar.Settings, actor *khabar.User, story *khabar.Story, v *khabar.Version) bool {
	t := khabar.Target{AuthorIDs: story.AuthorIDs, Private: settings.PrivateDrafts}
	if v != nil {
		t.Lang, t.Status = v.Lang, v.Status
	}
	return khabar.Can(actor, khabar.ActReadVersion, t)
}

// Readable keeps the versions of story that actor may see.
func Readable(settings khabar.Settings, actor *khabar.User, story *khabar.Story, vs []khabar.Version) []khabar.Version {
	var out []khabar.Version
	for i := range vs {
		if MayRead(settings, actor, story, &vs[i]) {
			out = append(out, vs[i])
		}
	}
	return out
}

// ListScope narrows a newsroom list to what actor may see: with private
// drafts, an author's lists hold their own stories only (the others'
// published ones are on the site).
func ListScope(settings khabar.Settings, actor *khabar.User, f khabar.AdminFilter) khabar.AdminFilter {
	if settings.PrivateDrafts && !khabar.Can(actor, khabar.ActReadVersion, khabar.Target{Private: true, Status: khabar.StatusDraft}) {
		f.AuthorID = actor.ID
	}
	return f
}
