// pplsim's own build runs this after the example's (maven-invoker-plugin); a copy of the example does not need it.
// It holds the acceptance line of issue #19: the library the example got through the installed artifacts is the
// plain jar, whose dependency tree has no shaded application jar, no logging binding, no CLI or HTTP server.
def tree = new File(basedir, 'target/dependency-tree.txt')
assert tree.isFile() : "dependency:tree wrote no ${tree}"
def lines = tree.readLines()
def pplsim = lines.findAll { it.contains('dev.pplsim:pplsim:') }
assert pplsim.size() == 1 : "one dev.pplsim:pplsim in the tree, found: ${pplsim}"
assert pplsim[0] ==~ /.*dev\.pplsim:pplsim:jar:[^:]+:test$/ : "the plain jar, not a classifier: ${pplsim[0]}"
def banned = [
    ~/:app:/,                                                     // the shaded application
    ~/org\.slf4j:slf4j-(simple|nop|jdk14|jdk-platform-logging|log4j12|reload4j):/,
    ~/ch\.qos\.logback:logback-classic:/, ~/org\.apache\.logging\.log4j:log4j-slf4j2?-impl:/,
    ~/info\.picocli:/, ~/io\.javalin:/, ~/org\.eclipse\.jetty/,    // the command line and pplsim serve
]
def found = lines.findAll { l -> banned.any { l =~ it } }
assert found.isEmpty() : "the library's tree holds what it must not: ${found}"
def jar = new File(localRepositoryPath, 'dev/pplsim/pplsim/' + pplsim[0].split(':')[3] + '/pplsim-' + pplsim[0].split(':')[3] + '.jar')
def app = new File(jar.path.replace('.jar', '-app.jar'))
assert jar.isFile() && app.isFile() : "installed: ${jar} and ${app}"
println "pplsim: the library's tree (${lines.size()} lines) has no shaded jar, no logging binding, no CLI or server; " +
        "installed ${jar.name} ${jar.length().intdiv(1024)} KB and ${app.name} ${app.length().intdiv(1024 * 1024)} MB"
return true
