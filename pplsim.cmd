@echo off
rem pplsim launcher for cmd.exe, the twin of ./pplsim and pplsim.ps1. pplsim.ps1 does the work that needs file times
rem and a lock (build target\pplsim.jar under the lock when it is missing or older than src\main or pom.xml) and
rem prints the java arguments for this command on one line; cmd.exe then runs java itself, so the arguments, the
rem standard input (type reqs.jsonl | pplsim.cmd batch -) and the exit code pass between the user and java untouched.
rem JVM options go through JAVA_OPTS, e.g.  set JAVA_OPTS=-Xmx256m & pplsim.cmd batch big.jsonl
setlocal DisableDelayedExpansion
set "PPLSIM_LAUNCHER=cmd"
set "PPLSIM_COMMAND=%~1"
set "pplsim_ps=powershell"
where pwsh >nul 2>nul && set "pplsim_ps=pwsh"
set "pplsim_java="
for /f "usebackq delims=" %%o in (`%pplsim_ps% -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "%~dp0pplsim.ps1"`) do set "pplsim_java=%%o"
set "PPLSIM_LAUNCHER="
set "PPLSIM_COMMAND="
if not defined pplsim_java (
  echo pplsim: the build failed, or %pplsim_ps% could not run "%~dp0pplsim.ps1" 1>&2
  exit /b 1
)
java %pplsim_java% %*
exit /b %ERRORLEVEL%
