# pplsim launcher for PowerShell (Windows PowerShell 5.1 and PowerShell 7), the twin of the bash ./pplsim: builds
# the jar when it is missing or older than the sources, then runs it. Policies and rules are read from this
# checkout's policies\ and rules\ at run time, so an edited YAML or DRL file takes effect on the next run without a
# build. JVM options go through JAVA_OPTS, e.g.  $env:JAVA_OPTS = '-Xmx256m'; .\pplsim.ps1 batch big.jsonl
# pplsim.cmd calls this script with PPLSIM_LAUNCHER=cmd: it then builds if needed and prints the java arguments on
# one line instead of running java, so that cmd.exe passes the user's arguments and standard input to java itself.
# The per-command options below must stay those of ./pplsim: LauncherParityTests compares the two.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 2.0

$root = $PSScriptRoot
$jar = [System.IO.Path]::Combine($root, 'target', 'pplsim.jar')
$jsa = [System.IO.Path]::Combine($root, 'target', 'pplsim.jsa')
$printOnly = $env:PPLSIM_LAUNCHER -eq 'cmd'
$command = if ($printOnly) { [string]$env:PPLSIM_COMMAND } elseif ($args.Count -gt 0) { [string]$args[0] } else { '' }

function Test-Stale {
    if (-not (Test-Path -LiteralPath $jar -PathType Leaf)) { return $true }
    $built = (Get-Item -LiteralPath $jar).LastWriteTimeUtc
    if ((Get-Item -LiteralPath ([System.IO.Path]::Combine($root, 'pom.xml'))).LastWriteTimeUtc -gt $built) { return $true }
    # as find -newer in ./pplsim: any file or directory under src\main changed after the jar
    $newer = Get-ChildItem -LiteralPath ([System.IO.Path]::Combine($root, 'src', 'main')) -Recurse -Force -ErrorAction SilentlyContinue |
        Where-Object { $_.LastWriteTimeUtc -gt $built } | Select-Object -First 1
    return $null -ne $newer
}

if (Test-Stale) {
    # one build at a time: two first runs at once would each replace the jar under the other. The lock is a file
    # opened with FileShare.None; the system closes it when this process ends, so a killed build leaves no lock.
    $target = [System.IO.Path]::Combine($root, 'target')
    [void][System.IO.Directory]::CreateDirectory($target)
    $lockPath = [System.IO.Path]::Combine($target, '.build-lock')
    $lock = $null
    $said = $false
    while ($null -eq $lock) {
        try {
            $lock = [System.IO.File]::Open($lockPath, [System.IO.FileMode]::OpenOrCreate, [System.IO.FileAccess]::ReadWrite, [System.IO.FileShare]::None)
        } catch [System.IO.IOException] {
            if (-not $said) { [Console]::Error.WriteLine("pplsim: waiting for another run's build of $jar..."); $said = $true }
            Start-Sleep -Milliseconds 500
        }
    }
    try {
        if (Test-Stale) {   # the run we waited for may have built it
            [Console]::Error.WriteLine("pplsim: building $jar (first use or changed sources; needs Java 17 and Maven)...")
            $mvn = Get-Command mvn -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
            if ($null -eq $mvn) { [Console]::Error.WriteLine('pplsim: mvn is not on PATH: install Maven, or build with mvn -B -DskipTests package'); exit 1 }
            Push-Location -LiteralPath $root
            try {
                # Maven reads standard input: an empty line piped to it keeps a first `batch -` from losing its
                # requests to the build; its standard output goes to standard error, as in ./pplsim
                '' | & $mvn.Path -q -B '-Dstyle.color=never' -DskipTests package | ForEach-Object { [Console]::Error.WriteLine($_) }
                $mvnExit = $LASTEXITCODE
            } finally {
                Pop-Location
            }
            if ($mvnExit -ne 0) { exit $mvnExit }
        }
    } finally {
        $lock.Dispose()
    }
}

# the build's class-data-sharing archive (ClassArchive), when it belongs to this jar
$cds = @()
if ((Test-Path -LiteralPath $jsa -PathType Leaf) -and -not ((Get-Item -LiteralPath $jar).LastWriteTimeUtc -gt (Get-Item -LiteralPath $jsa).LastWriteTimeUtc)) {
    $cds = @("-XX:SharedArchiveFile=$jsa", '-Xlog:cds=off', '-Xlog:cds+dynamic=off')
}
# per command, as the case branches of ./pplsim (the measurements behind them are there)
$fast = @()
switch -CaseSensitive -Regex ($command) {
    '^(decide|batch)$' { $fast = @('-XX:TieredStopAtLevel=1') }
    '^(prove|lint|matrix|whatif)$' { $fast = @('-XX:+UseParallelGC') }
}
# JAVA_OPTS after the launcher's choices, so a user's options override them; split on blanks as bash does
$javaOpts = @(([string]$env:JAVA_OPTS) -split '\s+' | Where-Object { $_ -ne '' })
$java = @($fast) + $javaOpts + $cds + @("-Dpplsim.home=$root", '-jar', $jar)

if ($printOnly) {
    # one line for cmd.exe: each argument quoted as the C runtime parses it (backslashes before a quote doubled)
    $quoted = foreach ($a in $java) { '"' + (($a -replace '(\\*)"', '$1$1\"') -replace '(\\+)$', '$1$1') + '"' }
    [Console]::Out.WriteLine(($quoted -join ' '))
    exit 0
}
if ($MyInvocation.ExpectingInput) {
    # piped into this script (Get-Content reqs.jsonl | .\pplsim.ps1 batch -): hand the lines on to java
    $input | & java @java @args
} else {
    & java @java @args
}
exit $LASTEXITCODE
