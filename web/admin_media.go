package web

import "net/http"

// mediaRoutes registers the media library.
func (s *Server) mediaRoutes(m *http.ServeMux) {}
