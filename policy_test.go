package khabar

import "testing"

func TestCan(t *testing.T) {
	admin := &User{ID: 1, Role: RoleAdmin}
	editor := &User{ID: 2, Role: RoleEditor}
	author := &User{ID: 3, Role: RoleAuthor}
	translator := &User{ID: 4, Role: RoleTranslator, Languages: []string{"ru"}}
	disabled := &User{ID: 5, Role: RoleAdmin, Disabled: true}
	ownDraft := Target{AuthorIDs: []int64{3}, Lang: "ar", Status: StatusDraft}
	ownInReview := Target{AuthorIDs: []int64{3}, Lang: "ar", Status: StatusReview}
	othersDraft := Target{AuthorIDs: []int64{9}, Lang: "ar", Status: StatusDraft}
	ruDraft := Target{Lang: "ru", Status: StatusDraft}
	enDraft := Target{Lang: "en", Status: StatusDraft}
	ruPublished := Target{Lang: "ru", Status: StatusPublished}
	none := Target{}

	cases := []struct {
		who    *User
		action Action
		target Target
		want   bool
	}{
		{admin, ActManageUsers, none, true},
		{admin, ActManageSettings, none, true},
		{admin, ActPublish, othersDraft, true},
		{disabled, ActCreateStory, none, false},
		{nil, ActCreateStory, none, false},

		{editor, ActPublish, othersDraft, true},
		{editor, ActUnpublish, ruPublished, true},
		{editor, ActEditVersion, othersDraft, true},
		{editor, ActManageTaxonomy, none, true},
		{editor, ActManagePages, none, true},
		{editor, ActViewAudit, none, true},
		{editor, ActManageUsers, none, false},
		{editor, ActManageSettings, none, false},
		{editor, ActUseWire, none, true},
		{editor, ActManageWire, none, true},
		{editor, ActSendNewsletter, none, true},
		{editor, ActPostChannel, none, true},
		{editor, ActManageSubscribers, none, false},
		{editor, ActManageChannels, none, false},
		{admin, ActManageSubscribers, none, true},
		{admin, ActManageChannels, none, true},

		{author, ActCreateStory, none, true},
		{author, ActUploadMedia, none, true},
		{author, ActEditVersion, ownDraft, true},
		{author, ActSubmit, ownDraft, true},
		{author, ActEditStory, ownDraft, true},
		{author, ActEditVersion, ownInReview, false},
		{author, ActEditVersion, othersDraft, false},
		{author, ActPublish, ownDraft, false},
		{author, ActUnpublish, ownDraft, false},
		{author, ActTranslate, ruDraft, false},
		{author, ActManageTaxonomy, none, false},
		{author, ActViewAudit, none, false},
		{author, ActUseWire, none, true},
		{author, ActManageWire, none, false},
		{author, ActSendNewsletter, none, false},
		{author, ActPostChannel, none, false},
		{translator, ActUseWire, none, false},

		{translator, ActTranslate, ruDraft, true},
		{translator, ActEditVersion, ruDraft, true},
		{translator, ActSubmit, ruDraft, true},
		{translator, ActTranslate, enDraft, false},
		{translator, ActEditVersion, enDraft, false},
		{translator, ActEditVersion, ruPublished, false},
		{translator, ActPublish, ruDraft, false},
		{translator, ActCreateStory, none, false},

		// Taking back a submission, proposing an update of a live version
		// and an image's texts in one language.
		{author, ActRecall, ownInReview, true},
		{author, ActRecall, ownDraft, false},
		{author, ActRecall, Target{AuthorIDs: []int64{9}, Status: StatusReview}, false},
		{translator, ActRecall, Target{Lang: "ru", Status: StatusReview}, true},
		{translator, ActRecall, Target{Lang: "en", Status: StatusReview}, false},
		{editor, ActRecall, ownInReview, true},
		{translator, ActProposeUpdate, ruPublished, true},
		{translator, ActProposeUpdate, Target{Lang: "en", Status: StatusPublished}, false},
		{translator, ActProposeUpdate, ruDraft, false},
		{author, ActProposeUpdate, Target{AuthorIDs: []int64{3}, Lang: "ar", Status: StatusPublished}, true},
		{author, ActProposeUpdate, Target{AuthorIDs: []int64{9}, Lang: "ar", Status: StatusPublished}, false},
		{translator, ActEditMediaText, Target{Lang: "ru"}, true},
		{translator, ActEditMediaText, Target{Lang: "ar"}, false},
		{translator, ActEditMediaText, none, false},
		{author, ActEditMediaText, Target{AuthorIDs: []int64{3}, Lang: "en"}, true},
		{author, ActEditMediaText, Target{AuthorIDs: []int64{9}, Lang: "en"}, false},
		{editor, ActEditMediaText, Target{Lang: "en"}, true},
		{translator, ActUploadMedia, none, false},
		{translator, ActEditStory, ruDraft, false},
	}
	for _, c := range cases {
		role := Role("nobody")
		if c.who != nil {
			role = c.who.Role
			if c.who.Disabled {
				role += " (disabled)"
			}
		}
		if got := Can(c.who, c.action, c.target); got != c.want {
			t.Errorf("%s %s %+v = %v, want %v", role, c.action, c.target, got, c.want)
		}
	}
}
