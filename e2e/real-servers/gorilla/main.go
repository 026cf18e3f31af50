// A gorilla/websocket server that reads a JWT from the `token` query parameter and verifies it with
// golang-jwt v4 (Debian's golang-github-golang-jwt-jwt-dev 4.x, built in GOPATH mode).
//
// Written the way the docs show it:
//   - gorilla/websocket: an http.HandlerFunc that calls Upgrader.Upgrade, and WriteControl for a close frame
//     https://pkg.go.dev/github.com/gorilla/websocket#hdr-Overview
//     https://pkg.go.dev/github.com/gorilla/websocket#Conn.WriteControl
//   - golang-jwt v4: jwt.Parse with a key func that checks the signing method (ExampleParse_hmac)
//     https://pkg.go.dev/github.com/golang-jwt/jwt/v4#example-Parse-Hmac
//   - v4 does not require claims: the app checks them (MapClaims.VerifyExpiresAt(now, true), presence of
//     the others), worded like v5's ErrTokenRequiredClaimMissing ("token is missing required claim").
//
// Usage: JWT_SECRET=... ./server reject|close
//
//	reject: http.Error(w, err.Error(), http.StatusUnauthorized) before Upgrade
//	close:  Upgrade, then a close frame 1008 with err.Error() as the reason
//
// Prints the port it listens on (127.0.0.1:0) as the line "PORT <n>".
package main

import (
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	// golang-jwt v4 (module github.com/golang-jwt/jwt/v4), by its GOPATH directory: Debian builds offline.
	jwt "github.com/golang-jwt/jwt"
	"github.com/gorilla/websocket"
)

var secret = []byte(os.Getenv("JWT_SECRET"))

var upgrader = websocket.Upgrader{CheckOrigin: func(r *http.Request) bool { return true }}

func verify(tokenString string) (jwt.MapClaims, error) {
	token, err := jwt.Parse(tokenString, func(token *jwt.Token) (interface{}, error) {
		if _, ok := token.Method.(*jwt.SigningMethodHMAC); !ok {
			return nil, fmt.Errorf("unexpected signing method: %v", token.Header["alg"])
		}
		return secret, nil
	})
	if err != nil {
		return nil, err
	}
	claims := token.Claims.(jwt.MapClaims)
	for _, name := range []string{"userId", "role", "iat", "exp"} {
		if _, ok := claims[name]; !ok {
			return nil, fmt.Errorf("token is missing required claim: %s claim is required", name)
		}
	}
	if !claims.VerifyExpiresAt(time.Now().Unix(), true) {
		return nil, fmt.Errorf("Token is expired")
	}
	return claims, nil
}

func serveWs(style string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		claims, err := verify(r.URL.Query().Get("token"))
		if err != nil && style == "reject" {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		conn, upgradeErr := upgrader.Upgrade(w, r, nil)
		if upgradeErr != nil {
			log.Println("upgrade:", upgradeErr)
			return
		}
		defer conn.Close()
		if err != nil {
			msg := websocket.FormatCloseMessage(websocket.ClosePolicyViolation, err.Error())
			conn.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
			// Wait for the client's close frame (or its going away) before dropping the connection.
			for {
				if _, _, err := conn.NextReader(); err != nil {
					return
				}
			}
		}
		conn.WriteMessage(websocket.TextMessage, []byte(fmt.Sprintf("welcome %v", claims["userId"])))
		for {
			kind, message, err := conn.ReadMessage()
			if err != nil {
				return
			}
			conn.WriteMessage(kind, message)
		}
	}
}

func main() {
	http.HandleFunc("/ws", serveWs(os.Args[1]))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("PORT %d\n", ln.Addr().(*net.TCPAddr).Port)
	log.Fatal(http.Serve(ln, nil))
}
