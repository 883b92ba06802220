package khabar

import "slices"

// Action is something a newsroom user may do. Can decides; the newsroom
// service asks before every change, and the web layer only hides what Can
// refuses.
type Action string

// Actions.
const (
	ActCreateStory Action = "story.create"
	ActEditVersion Action = "version.edit"      // change title, body … of a version
	ActSubmit      Action = "version.submit"    // draft → review
	ActPublish     Action = "version.publish"   // → scheduled, published
	ActUnpublish   Action = "version.unpublish" // published → unpublished, archived
	ActTranslate   Action = "version.translate" // create or confirm a translation
	ActRecall      Action = "version.recall"    // review → draft, by who submitted it
	// ActProposeUpdate saves a change of a published version that waits
	// beside the live text until an editor publishes it.
	ActProposeUpdate Action = "version.propose"
	// ActEditMediaText changes an image's caption, credit and alt text in
	// one language (Target.Lang), from a story that shows it.
	ActEditMediaText  Action = "media.text"
	ActEditStory      Action = "story.edit" // section, tags, lead image, source, authors
	ActUploadMedia    Action = "media.upload"
	ActEditMedia      Action = "media.edit"
	ActManageTaxonomy Action = "taxonomy.manage" // sections, tags, sources
	ActManagePages    Action = "pages.manage"
	ActManageUsers    Action = "users.manage"
	ActManageSettings Action = "settings.manage"
	ActViewAudit      Action = "audit.view"
	ActImport         Action = "site.import"    // bring in or take out a whole archive
	ActEditLexicon    Action = "search.lexicon" // the site's own search lexicon
	ActReadVersion    Action = "version.read"   // see a version in the newsroom (editor, preview, revisions, Admin API)
	ActManageRedirect Action = "redirects.manage"

	// The wire desk, newsletters and Telegram channels.
	ActUseWire           Action = "wire.use"            // read the wire inbox, make drafts from its items
	ActManageWire        Action = "wire.manage"         // the feeds sources are polled at
	ActSendNewsletter    Action = "newsletter.send"     // send a digest to a language's subscribers
	ActManageSubscribers Action = "subscribers.manage"  // see, export and delete readers' addresses
	ActPostChannel       Action = "channel.post"        // post a story to a language's channel
	ActManageChannels    Action = "distribution.manage" // channels, daily digests: where and when
)

// Target is what an action is about: the story's authors and the language
// of the version, where there is one.
type Target struct {
	AuthorIDs []int64
	Lang      string
	Status    Status
	// Private is the site's Settings.PrivateDrafts, for ActReadVersion.
	Private bool
}

// Can reports whether u may do a to t. A disabled user may do nothing.
func Can(u *User, a Action, t Target) bool {
	if u == nil || u.Disabled {
		return false
	}
	own := slices.Contains(t.AuthorIDs, u.ID)
	switch u.Role {
	case RoleAdmin:
		return true
	case RoleEditor:
		// Readers' addresses and where the site posts are an
		// administrator's: an editor sends and posts, but does not see
		// who receives.
		return a != ActManageUsers && a != ActManageSettings && a != ActImport &&
			a != ActManageSubscribers && a != ActManageChannels
	case RoleAuthor:
		switch a {
		case ActCreateStory, ActUploadMedia, ActUseWire:
			return true
		case ActReadVersion:
			return !t.Private || own || t.Status == StatusPublished
		case ActEditVersion, ActEditStory, ActSubmit:
			// An author works on own stories until an editor takes over.
			return own && (t.Status == "" || t.Status == StatusDraft || t.Status == StatusUnpublished)
		case ActRecall:
			return own && t.Status == StatusReview
		case ActProposeUpdate:
			return own && t.Status == StatusPublished
		case ActEditMediaText:
			return own
		}
		return false
	case RoleTranslator:
		assigned := t.Lang != "" && slices.Contains(u.Languages, t.Lang)
		switch a {
		case ActReadVersion:
			return true // a translation is made from the original
		case ActTranslate:
			return assigned
		case ActEditVersion, ActSubmit:
			return assigned && (t.Status == "" || t.Status == StatusDraft || t.Status == StatusUnpublished)
		case ActRecall:
			return assigned && t.Status == StatusReview
		case ActProposeUpdate:
			return assigned && t.Status == StatusPublished
		case ActEditMediaText:
			return assigned
		}
		return false
	}
	return false
}
