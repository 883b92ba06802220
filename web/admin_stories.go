package web

import "net/http"

// storyRoutes registers the story list, editor, workflow, translations and
// revisions pages.
func (s *Server) storyRoutes(m *http.ServeMux) {}
