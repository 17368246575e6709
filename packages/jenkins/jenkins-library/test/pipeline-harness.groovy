// A small Jenkins pipeline harness: runs a Jenkinsfile (declarative subset) with the library's vars loaded and
// real steps (sh, withEnv, withCredentials, writeFile, readFile, error, echo). Test-only.
// Usage: groovy pipeline-harness.groovy LIBRARY_DIR JENKINSFILE WORKSPACE
// Credentials for withCredentials come from the environment variable HARNESS_CREDENTIAL_<ID> (test-only).

def (libraryDir, jenkinsfile, workspace) = args as List
def binding = new Binding()
Map<String, String> envVars = new LinkedHashMap<>(System.getenv())
binding.setVariable('env', envVars)

def console = { String line -> System.out.println(line); System.out.flush() }
def fail = { String message -> throw new RuntimeException(message) }

binding.setVariable('echo', { String message -> console(message) })
binding.setVariable('error', { String message -> fail(message) })
binding.setVariable('pwd', { -> workspace })
// Like Jenkins' FilePath.child: relative paths resolve against the workspace, absolute ones are used as they are.
def child = { String path -> new File(path).isAbsolute() ? new File(path) : new File(workspace, path) }
binding.setVariable('writeFile', { Map a ->
    File file = child(a.file.toString())
    file.parentFile.mkdirs()
    file.text = a.text.toString()
})
binding.setVariable('readFile', { Object a ->
    String path = a instanceof Map ? a.file : a.toString()
    child(path).text
})
binding.setVariable('sh', { Object arg ->
    Map a = arg instanceof Map ? arg : [script: arg.toString()]
    File script = File.createTempFile('harness-sh-', '.sh')
    script.text = a.script.toString()
    def pb = new ProcessBuilder(['sh', '-xe', script.path])
    pb.directory(new File(workspace))
    pb.environment().clear()
    pb.environment().putAll(envVars)
    Process process = pb.start()
    // Like Jenkins: stderr always goes to the console; stdout too, unless returnStdout captures it.
    Thread errors = Thread.start { process.errorStream.eachLine('UTF-8') { line -> synchronized (console) { console(line) } } }
    StringBuilder captured = new StringBuilder()
    process.inputStream.eachLine('UTF-8') { line ->
        if (a.returnStdout) captured.append(line).append('\n') else synchronized (console) { console(line) }
    }
    errors.join()
    int code = process.waitFor()
    script.delete()
    if (a.returnStatus) return code
    if (code != 0) fail("script returned exit code ${code}")
    return a.returnStdout ? captured.toString() : null
})
binding.setVariable('withEnv', { List<String> vars, Closure body ->
    Map<String, String> saved = new LinkedHashMap<>(envVars)
    vars.each { String kv -> int at = kv.indexOf('='); envVars.put(kv.substring(0, at), kv.substring(at + 1)) }
    try { body() } finally { envVars.clear(); envVars.putAll(saved) }
})
binding.setVariable('string', { Map a -> [kind: 'string', credentialsId: a.credentialsId, variable: a.variable] })
binding.setVariable('withCredentials', { List bindings, Closure body ->
    Map<String, String> saved = new LinkedHashMap<>(envVars)
    bindings.each { Map b ->
        String key = 'HARNESS_CREDENTIAL_' + b.credentialsId.toString().toUpperCase().replaceAll('[^A-Z0-9_]', '_')
        String value = System.getenv(key)
        if (value == null) fail("Could not find credentials entry with ID '${b.credentialsId}'")
        envVars.put(b.variable.toString(), value)
    }
    try { body() } finally { envVars.clear(); envVars.putAll(saved) }
})

// Declarative subset: pipeline { agent any; stages { stage('x') { steps { … } } } }
binding.setVariable('any', 'any')
binding.setVariable('pipeline', { Closure c -> c() })
binding.setVariable('agent', { Object a -> null })
binding.setVariable('stages', { Closure c -> c() })
binding.setVariable('steps', { Closure c -> c() })
binding.setVariable('stage', { String name, Closure c -> console("[Pipeline] stage (${name})"); c() })

// Load every vars/*.groovy as a global step, as @Library does.
def shell = new GroovyShell(this.class.classLoader, binding)
shell.classLoader.addClasspath(new File(libraryDir, 'src').path)
new File(libraryDir, 'vars').eachFileMatch(~/.*\.groovy/) { File file ->
    Script step = shell.parse(file)
    step.binding = binding
    binding.setVariable(file.name - '.groovy', { Object[] callArgs -> step.invokeMethod('call', callArgs) })
}

try {
    shell.evaluate(new File(jenkinsfile))
    console('Finished: SUCCESS')
} catch (Throwable e) {
    console("ERROR: ${e.message}")
    console('Finished: FAILURE')
    System.exit(1)
}
