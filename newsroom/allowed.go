package newsroom

import "github.com/khabarnews/khabar"

// CanTransition reports whether actor may move version v of story to the
// status to now: the move is one the workflow has from v's status, and the
// actor's role allows it. The UI asks it to show only the buttons that
// Transition would accept; Transition still checks again.
func CanTransition(actor *khabar.User, story *khabar.Story, v *khabar.Version, to khabar.Status) bool {
	if story == nil || v == nil {
		return false
	}
	tr, ok := transitions[to]
	return ok && contains(tr.from, v.Status) && mayMove(actor, story, v, to)
}

// CanEdit reports whether actor may change the text of version v (nil: a
// version not written yet in lang), as SaveVersion decides.
func CanEdit(actor *khabar.User, story *khabar.Story, v *khabar.Version, lang string) bool {
	t := target(story, v, lang)
	if v == nil && lang != story.OriginalLang {
		return khabar.Can(actor, khabar.ActTranslate, t) || khabar.Can(actor, khabar.ActEditVersion, t)
	}
	return khabar.Can(actor, khabar.ActEditVersion, t)
}

// CanEditStory reports whether actor may change the shared fields of a
// story (section, tags, lead image …), as UpdateStory decides: by the
// status of the original version.
func CanEditStory(actor *khabar.User, story *khabar.Story, original *khabar.Version) bool {
	t := khabar.Target{AuthorIDs: story.AuthorIDs}
	if original != nil {
		t.Lang, t.Status = original.Lang, original.Status
	}
	return khabar.Can(actor, khabar.ActEditStory, t)
}

// CanTranslate reports whether actor may start or confirm the translation
// of story into lang, as StartTranslation and ConfirmTranslation decide.
func CanTranslate(actor *khabar.User, story *khabar.Story, v *khabar.Version, lang string) bool {
	t := target(story, v, lang)
	if v == nil {
		t.Status = ""
	}
	return khabar.Can(actor, khabar.ActTranslate, t) || khabar.Can(actor, khabar.ActEditVersion, t)
}

// ValidTransition reports whether the workflow has a move from one status
// to another, whoever asks; the UI tells "not possible now" apart from "not
// allowed for you" with it.
func ValidTransition(from, to khabar.Status) bool {
	tr, ok := transitions[to]
	return ok && contains(tr.from, from)
}

// CanUpload reports whether actor may upload images, as UploadMedia
// decides; the web layer asks before it reads a large request body.
func CanUpload(actor *khabar.User) bool {
	return khabar.Can(actor, khabar.ActUploadMedia, khabar.Target{})
}

// CanCreate reports whether actor may write new stories.
func CanCreate(actor *khabar.User) bool {
	return khabar.Can(actor, khabar.ActCreateStory, khabar.Target{})
}

// CanPublishUpdate reports whether actor may publish the pending update
// of the published version v: whoever may publish it, and the translator
// who may propose it where the site lets translators publish their own.
func CanPublishUpdate(actor *khabar.User, settings khabar.Settings, story *khabar.Story, v *khabar.Version) bool {
	if story == nil || v == nil || v.Status != khabar.StatusPublished || v.PendingRevision == 0 {
		return false
	}
	t := target(story, v, v.Lang)
	if khabar.Can(actor, khabar.ActPublish, t) {
		return true
	}
	return settings.TranslatorsPublishUpdates && actor != nil && actor.Role == khabar.RoleTranslator && khabar.Can(actor, khabar.ActProposeUpdate, t)
}

// CanPropose reports whether actor's saves of the published version v go
// into a pending update rather than live: they may propose one and may not
// edit it live, or an update is already waiting.
func CanPropose(actor *khabar.User, story *khabar.Story, v *khabar.Version) bool {
	if story == nil || v == nil || v.Status != khabar.StatusPublished {
		return false
	}
	t := target(story, v, v.Lang)
	return khabar.Can(actor, khabar.ActProposeUpdate, t) && (v.PendingRevision != 0 || !khabar.Can(actor, khabar.ActEditVersion, t))
}
