<#
.SYNOPSIS
  Captures what this Windows machine answers to process and thread opens, right by right, as JSON lines for
  `pplsim verify`.
.DESCRIPTION
  Run from an elevated PowerShell. Enables SeDebugPrivilege (so the security descriptor grants what is asked, as
  the model assumes; spec §3.1 step 2), enumerates processes, reads each one's PS_PROTECTION byte with
  NtQueryInformationProcess class 61 (ProcessProtectionInformation, spec §1.4), then calls NtOpenProcess and
  NtOpenThread (first thread) once per right bit of 0x001FFFFF and for MAXIMUM_ALLOWED, recording the NTSTATUS and
  the handle's GrantedAccess (NtQueryObject, ObjectBasicInformation). The caller is this PowerShell process,
  unprotected (0x00). Nothing is written to any process; handles are closed at once.
.PARAMETER Out
  The JSON-lines file to write (default: observations.jsonl).
.PARAMETER Image
  Only processes whose image name matches (wildcards), e.g. lsass.exe; default: all.
.EXAMPLE
  .\capture-observations.ps1 -Out obs.jsonl -Image lsass.exe,MsMpEng.exe,csrss.exe
#>
param([string]$Out = "observations.jsonl", [string[]]$Image = @("*"))

Set-StrictMode -Version Latest
$ErrorActionPreference = "Stop"

Add-Type -TypeDefinition @"
using System;
using System.Runtime.InteropServices;
public static class PplsimProbe {
    [StructLayout(LayoutKind.Sequential)] public struct CLIENT_ID { public IntPtr UniqueProcess; public IntPtr UniqueThread; }
    [StructLayout(LayoutKind.Sequential)] public struct OBJECT_ATTRIBUTES {
        public int Length; public IntPtr RootDirectory; public IntPtr ObjectName; public uint Attributes;
        public IntPtr SecurityDescriptor; public IntPtr SecurityQualityOfService; }
    [StructLayout(LayoutKind.Sequential)] public struct OBJECT_BASIC_INFORMATION {
        public uint Attributes; public uint GrantedAccess; public uint HandleCount; public uint PointerCount;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 10)] public uint[] Reserved; }
    [DllImport("ntdll.dll")] public static extern int NtOpenProcess(out IntPtr h, uint access, ref OBJECT_ATTRIBUTES oa, ref CLIENT_ID cid);
    [DllImport("ntdll.dll")] public static extern int NtOpenThread(out IntPtr h, uint access, ref OBJECT_ATTRIBUTES oa, ref CLIENT_ID cid);
    [DllImport("ntdll.dll")] public static extern int NtQueryInformationProcess(IntPtr h, int cls, out byte info, int len, out int ret);
    [DllImport("ntdll.dll")] public static extern int NtQueryObject(IntPtr h, int cls, out OBJECT_BASIC_INFORMATION info, int len, out int ret);
    [DllImport("ntdll.dll")] public static extern int NtClose(IntPtr h);
    [DllImport("ntdll.dll")] public static extern int RtlAdjustPrivilege(int privilege, bool enable, bool currentThread, out bool wasEnabled);

    // Returns the NTSTATUS of the open and, on success, the handle's GrantedAccess.
    public static int Open(bool thread, long id, uint access, out uint granted) {
        var oa = new OBJECT_ATTRIBUTES(); oa.Length = Marshal.SizeOf(typeof(OBJECT_ATTRIBUTES));
        var cid = new CLIENT_ID();
        if (thread) cid.UniqueThread = new IntPtr(id); else cid.UniqueProcess = new IntPtr(id);
        IntPtr h;
        int status = thread ? NtOpenThread(out h, access, ref oa, ref cid) : NtOpenProcess(out h, access, ref oa, ref cid);
        granted = 0;
        if (status >= 0) {
            OBJECT_BASIC_INFORMATION info; int ret;
            if (NtQueryObject(h, 0, out info, Marshal.SizeOf(typeof(OBJECT_BASIC_INFORMATION)), out ret) >= 0) granted = info.GrantedAccess;
            NtClose(h);
        }
        return status;
    }

    // PS_PROTECTION of a process (class 61), or -1 when it cannot be read.
    public static int Protection(long pid) {
        uint granted; IntPtr h;
        var oa = new OBJECT_ATTRIBUTES(); oa.Length = Marshal.SizeOf(typeof(OBJECT_ATTRIBUTES));
        var cid = new CLIENT_ID(); cid.UniqueProcess = new IntPtr(pid);
        if (NtOpenProcess(out h, 0x1000, ref oa, ref cid) < 0) return -1;   // PROCESS_QUERY_LIMITED_INFORMATION
        byte p; int ret;
        int status = NtQueryInformationProcess(h, 61, out p, 1, out ret);
        NtClose(h);
        return status >= 0 ? p : -1;
    }
}
"@

$wasEnabled = $false
$debug = [PplsimProbe]::RtlAdjustPrivilege(20, $true, $false, [ref]$wasEnabled) -ge 0   # SeDebugPrivilege = 20
$cv = Get-ItemProperty "HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion"
$build = "10.0.$($cv.CurrentBuild).$($cv.UBR)"
$rights = @(0..20 | ForEach-Object { [uint32](1 -shl $_) }) + @([uint32]0x02000000)
$n = 0
$lines = New-Object System.Collections.Generic.List[string]

foreach ($p in Get-Process | Where-Object { $name = "$($_.ProcessName).exe"; ($Image | Where-Object { $name -like $_ }).Count -gt 0 }) {
    $protection = [PplsimProbe]::Protection($p.Id)
    if ($protection -lt 0) { continue }
    $imageName = if ($p.Id -eq 4) { "System" } else { "$($p.ProcessName).exe" }
    $tid = $null
    try { $tid = ($p.Threads | Select-Object -First 1).Id } catch { }
    foreach ($object in @("process", "thread")) {
        if ($object -eq "thread" -and $null -eq $tid) { continue }
        foreach ($r in $rights) {
            $granted = [uint32]0
            $id = if ($object -eq "thread") { [long]$tid } else { [long]$p.Id }
            $status = [PplsimProbe]::Open($object -eq "thread", $id, $r, [ref]$granted)
            $n++
            $lines.Add((@{
                id = "o$n"; windowsBuild = $build; seDebugPrivilege = $debug
                caller = @{ image = "powershell.exe"; protection = "0x00" }
                target = @{ image = $imageName; pid = $p.Id; protection = ("0x{0:X2}" -f $protection); object = $object }
                desired = ("0x{0:X8}" -f $r)
                observed = @{ ntstatus = ("0x{0:X8}" -f ([uint32]($status -band 0xFFFFFFFF))); granted = ("0x{0:X8}" -f $granted) }
            } | ConvertTo-Json -Compress -Depth 4))
        }
    }
}

# written whole at the end, so an interrupted run leaves no half-written file
$tmp = "$Out.tmp"
[System.IO.File]::WriteAllLines($tmp, $lines)
Move-Item -Force $tmp $Out
Write-Host "wrote $n observations to $Out (SeDebugPrivilege enabled: $debug)"
