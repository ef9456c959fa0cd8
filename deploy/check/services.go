package check

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
)

// service is what a Quarkus service's application.properties says about how it is run.
type service struct {
	name string
	port int
	env  map[string]bool // environment variables it reads
}

var (
	envReference = regexp.MustCompile(`\$\{([A-Z][A-Z0-9_]*)[:}]`)
	portLine     = regexp.MustCompile(`^quarkus\.http\.port=\$\{PORT:(\d+)\}`)
)

// Names every Quarkus service reads besides the ${VAR} references of its properties: the standard
// SmallRye JWT settings and any QUARKUS_* override.
var standardEnv = []string{"MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_PUBLICKEY", "MP_JWT_VERIFY_ISSUER",
	"MP_JWT_VERIFY_AUDIENCES", "JAVA_OPTS"}

func loadService(repo, name string) (service, error) {
	file, err := os.Open(filepath.Join(repo, name, "src/main/resources/application.properties"))
	if err != nil {
		return service{}, err
	}
	defer file.Close()
	s := service{name: name, env: map[string]bool{}}
	for _, v := range standardEnv {
		s.env[v] = true
	}
	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		line := scanner.Text()
		if m := portLine.FindStringSubmatch(line); m != nil {
			s.port, _ = strconv.Atoi(m[1])
		}
		for _, m := range envReference.FindAllStringSubmatch(line, -1) {
			s.env[m[1]] = true
		}
	}
	return s, scanner.Err()
}

func (s service) reads(name string) bool {
	return s.env[name] || hasAnyPrefix(name, "QUARKUS_")
}
