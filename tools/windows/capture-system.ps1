<#
.SYNOPSIS
    Writes a pplsim system catalog (the format of policies/systems/*.yaml) from the processes running on this machine.

.DESCRIPTION
    For each running process (but the Idle process, pid 0) the script records what pplsim's catalog holds, in
    creation order, and a comment line above it saying where each value came from:

      catalog field  <- what is measured
      image          <- Win32_Process.Name (characters outside [A-Za-z0-9_. -] become _, as the catalog allows no others)
      pid            <- Win32_Process.ProcessId
      parent         <- Win32_Process.ParentProcessId (the creating process's pid, which may have exited or been reused:
                        the list order, creation order, decides which it was, as the kernel's sequence numbers do, spec section 3.2)
      protection     <- NtQueryInformationProcess(ProcessProtectionInformation = 61): the PS_PROTECTION byte
                        (Type bits 0-2, Audit bit 3, Signer bits 4-7; spec section 1.1), spelled as the catalogs do
                        (WinTcb-Light, Lsa-Light, None) or as "0x.." when no name fits
      token          <- OpenProcessToken(TOKEN_QUERY) + GetTokenInformation(TokenUser, TokenGroups, TokenPrivileges,
                        TokenIntegrityLevel), mapped to a preset of policies/tokens.yaml: S-1-5-18 system,
                        S-1-5-19 local-service, S-1-5-20 network-service; another account admin-elevated when its
                        Administrators group is enabled, admin-filtered when it is deny-only, else standard-user.
                        The comment gives the measured user, integrity and privileges and where they differ from the preset.
      threads        <- Get-Process .Threads (thread ids)
      session        <- Win32_Process.SessionId
      confidence     <- "measured: ..." with the byte and the call, or "not measured: ..." with the error
      kind           <- NtQueryInformationProcess(ProcessBasicInformation) with PROCESS_EXTENDED_BASIC_INFORMATION:
                        IsSubsystemProcess -> pico, no PEB -> minimal, IsSecureProcess -> trustlet (its trustletId from
                        the image name: LsaIso 1, Vmsp 2, BioIso 4, FsIso 5, spec section 7.3), GetPackageFullName -> packaged;
                        absent (normal) otherwise
      (not captured) sd (the process object's descriptor: the defaults of policies/security-descriptors.yaml apply),
                     disallowUserTerminate
      (comment only) the image path (QueryFullProcessImageName) and its Authenticode signer and protection EKUs
                     (Get-AuthenticodeSignature; spec section 6.1): the catalog has no field for the file's signer, the
                     process's signer as the kernel recorded it is the protection byte's Signer nibble.

    Every open asks only PROCESS_QUERY_LIMITED_INFORMATION, which protection leaves to every caller (spec section 2.2).
    Run it elevated: SeDebugPrivilege, enabled by the script when the token holds it, passes the DACLs of other
    accounts' processes (spec section 4.1). A process that cannot be opened is still written, with its name, pid, parent,
    threads and session, protection None, the token preset -UnknownToken and kind normal, and its comment and
    confidence say that these were not measured.

    The file is written whole (a temporary file, then renamed), in UTF-8 without a byte-order mark.
    Feed it to pplsim:  pplsim.cmd who-can --system capture.yaml --target lsass.exe --access PROCESS_VM_READ

.PARAMETER OutFile
    The catalog to write (default: capture-<computer name>.yaml in the current directory).
.PARAMETER Name
    The catalog's name (default: capture-<computer name>).
.PARAMETER Build
    The pplsim model build (policies/builds). Default: the row of policies/windows-builds.yaml for this Windows build
    number, read from the checkout this script is in; windows-10-11 when that file is not there.
.PARAMETER UnknownToken
    The token preset written for processes whose token cannot be read (default: standard-user).
#>
[CmdletBinding()]
param(
    [string]$OutFile,
    [string]$Name,
    [string]$Build,
    [string]$UnknownToken = 'standard-user'
)
$ErrorActionPreference = 'Stop'
# ASCII only in this file: Windows PowerShell 5.1 reads a script without a byte-order mark as ANSI
$sect = [char]0x00A7
Set-StrictMode -Version 2.0

if ([Environment]::OSVersion.Platform -ne [PlatformID]::Win32NT) { throw 'capture-system.ps1 reads a live Windows machine: run it on Windows' }
if ([Environment]::Is64BitOperatingSystem -and -not [Environment]::Is64BitProcess) {
    throw 'run capture-system.ps1 from 64-bit PowerShell: a 32-bit one reads 64-bit processes through WOW64 and misses fields'
}
$computer = ([string]$env:COMPUTERNAME).ToLowerInvariant() -replace '[^a-z0-9-]', '-'
if (-not $OutFile) { $OutFile = Join-Path (Get-Location).Path "capture-$computer.yaml" }
if (-not $Name) { $Name = "capture-$computer" }

if (-not ('PplsimCapture.Native' -as [type])) {
    # C# 5 (what Windows PowerShell 5.1's Add-Type compiles) and .NET Framework 4 / .NET APIs only
    Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace PplsimCapture {
    [StructLayout(LayoutKind.Sequential)]
    public struct PROCESS_BASIC_INFORMATION {
        public int ExitStatus;
        public IntPtr PebBaseAddress;
        public UIntPtr AffinityMask;
        public int BasePriority;
        public UIntPtr UniqueProcessId;
        public UIntPtr InheritedFromUniqueProcessId;
    }

    // phnt ntpsapi.h: Size, BasicInfo, then Flags: bit 7 IsSecureProcess, bit 8 IsSubsystemProcess
    [StructLayout(LayoutKind.Sequential)]
    public struct PROCESS_EXTENDED_BASIC_INFORMATION {
        public UIntPtr Size;
        public PROCESS_BASIC_INFORMATION BasicInfo;
        public uint Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct LUID {
        public uint LowPart;
        public int HighPart;
    }

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct TOKEN_PRIVILEGES_ONE {
        public uint PrivilegeCount;
        public LUID Luid;
        public uint Attributes;
    }

    /** What one process showed; error fields are Win32 error codes, status fields NTSTATUS values (0: read). */
    public sealed class ProcessProbe {
        public uint Pid;
        public int OpenError;
        public string ImagePath;
        public int ImagePathError;
        public int ProtectionStatus = -1;
        public int Protection = -1;
        public int BasicStatus = -1;
        public bool PebIsNull;
        public bool IsSecure;
        public bool IsSubsystem;
        public int PackageResult = -1;
        public string PackageFullName;
        public int TokenError = -1;
        public string UserSid;
        public string IntegritySid;
        public bool AdministratorsEnabled;
        public bool AdministratorsDenyOnly;
        public List<string> EnabledPrivileges = new List<string>();
        public List<string> DisabledPrivileges = new List<string>();
    }

    public static class Native {
        const uint PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
        const uint TOKEN_QUERY = 0x0008;
        const uint TOKEN_ADJUST_PRIVILEGES = 0x0020;
        const int ProcessBasicInformation = 0;
        const int ProcessProtectionInformation = 61;
        const int TokenUser = 1, TokenGroups = 2, TokenPrivileges = 3, TokenIntegrityLevel = 25;
        const uint SE_GROUP_ENABLED = 0x4, SE_GROUP_USE_FOR_DENY_ONLY = 0x10, SE_PRIVILEGE_ENABLED = 0x2;
        const int ERROR_INSUFFICIENT_BUFFER = 122;

        [DllImport("kernel32.dll", SetLastError = true)]
        static extern IntPtr OpenProcess(uint access, bool inherit, uint pid);
        [DllImport("kernel32.dll", SetLastError = true)]
        static extern bool CloseHandle(IntPtr handle);
        [DllImport("kernel32.dll")]
        static extern IntPtr GetCurrentProcess();
        [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        static extern bool QueryFullProcessImageNameW(IntPtr process, uint flags, StringBuilder name, ref uint size);
        [DllImport("kernel32.dll", CharSet = CharSet.Unicode)]
        static extern int GetPackageFullName(IntPtr process, ref uint length, StringBuilder name);
        [DllImport("kernel32.dll")]
        static extern IntPtr LocalFree(IntPtr memory);
        [DllImport("ntdll.dll")]
        static extern int NtQueryInformationProcess(IntPtr process, int infoClass, out byte info, int length, out int returned);
        [DllImport("ntdll.dll")]
        static extern int NtQueryInformationProcess(IntPtr process, int infoClass, ref PROCESS_EXTENDED_BASIC_INFORMATION info, int length, out int returned);
        [DllImport("advapi32.dll", SetLastError = true)]
        static extern bool OpenProcessToken(IntPtr process, uint access, out IntPtr token);
        [DllImport("advapi32.dll", SetLastError = true)]
        static extern bool GetTokenInformation(IntPtr token, int infoClass, IntPtr info, int length, out int returned);
        [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        static extern bool ConvertSidToStringSidW(IntPtr sid, out IntPtr text);
        [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        static extern bool LookupPrivilegeNameW(string system, ref LUID luid, StringBuilder name, ref int length);
        [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        static extern bool LookupPrivilegeValueW(string system, string name, out LUID luid);
        [DllImport("advapi32.dll", SetLastError = true)]
        static extern bool AdjustTokenPrivileges(IntPtr token, bool disableAll, ref TOKEN_PRIVILEGES_ONE state, int length, IntPtr previous, IntPtr returned);

        /** Enables a privilege this process's token holds; false when it does not hold it. */
        public static bool EnablePrivilege(string name) {
            IntPtr token;
            if (!OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, out token)) return false;
            try {
                TOKEN_PRIVILEGES_ONE tp = new TOKEN_PRIVILEGES_ONE();
                if (!LookupPrivilegeValueW(null, name, out tp.Luid)) return false;
                tp.PrivilegeCount = 1;
                tp.Attributes = SE_PRIVILEGE_ENABLED;
                if (!AdjustTokenPrivileges(token, false, ref tp, 0, IntPtr.Zero, IntPtr.Zero)) return false;
                return Marshal.GetLastWin32Error() == 0;   // ERROR_NOT_ALL_ASSIGNED 1300: not held
            } finally {
                CloseHandle(token);
            }
        }

        public static ProcessProbe Probe(uint pid) {
            ProcessProbe p = new ProcessProbe();
            p.Pid = pid;
            IntPtr h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, false, pid);
            if (h == IntPtr.Zero) {
                p.OpenError = Marshal.GetLastWin32Error();
                return p;
            }
            try {
                StringBuilder path = new StringBuilder(32768);
                uint size = (uint)path.Capacity;
                if (QueryFullProcessImageNameW(h, 0, path, ref size)) p.ImagePath = path.ToString(0, (int)size);
                else p.ImagePathError = Marshal.GetLastWin32Error();

                byte protection;
                int returned;
                p.ProtectionStatus = NtQueryInformationProcess(h, ProcessProtectionInformation, out protection, 1, out returned);
                if (p.ProtectionStatus >= 0) p.Protection = protection;

                PROCESS_EXTENDED_BASIC_INFORMATION info = new PROCESS_EXTENDED_BASIC_INFORMATION();
                int infoSize = Marshal.SizeOf(typeof(PROCESS_EXTENDED_BASIC_INFORMATION));
                info.Size = new UIntPtr((uint)infoSize);
                p.BasicStatus = NtQueryInformationProcess(h, ProcessBasicInformation, ref info, infoSize, out returned);
                if (p.BasicStatus >= 0) {
                    p.PebIsNull = info.BasicInfo.PebBaseAddress == IntPtr.Zero;
                    p.IsSecure = (info.Flags & 0x80) != 0;
                    p.IsSubsystem = (info.Flags & 0x100) != 0;
                }

                uint length = 0;
                p.PackageResult = GetPackageFullName(h, ref length, null);   // 15700 APPMODEL_ERROR_NO_PACKAGE
                if (p.PackageResult == ERROR_INSUFFICIENT_BUFFER) {
                    StringBuilder package = new StringBuilder((int)length);
                    p.PackageResult = GetPackageFullName(h, ref length, package);
                    if (p.PackageResult == 0) p.PackageFullName = package.ToString();
                }

                ReadToken(h, p);
            } finally {
                CloseHandle(h);
            }
            return p;
        }

        static void ReadToken(IntPtr process, ProcessProbe p) {
            IntPtr token;
            if (!OpenProcessToken(process, TOKEN_QUERY, out token)) {
                p.TokenError = Marshal.GetLastWin32Error();
                return;
            }
            try {
                IntPtr user = Query(token, TokenUser, p);
                if (user == IntPtr.Zero) return;
                try { p.UserSid = SidText(Marshal.ReadIntPtr(user)); } finally { Marshal.FreeHGlobal(user); }

                IntPtr label = Query(token, TokenIntegrityLevel, p);
                if (label == IntPtr.Zero) return;
                try { p.IntegritySid = SidText(Marshal.ReadIntPtr(label)); } finally { Marshal.FreeHGlobal(label); }

                // TOKEN_GROUPS: a DWORD count, then SID_AND_ATTRIBUTES {PSID, DWORD} aligned to the pointer size
                IntPtr groups = Query(token, TokenGroups, p);
                if (groups == IntPtr.Zero) return;
                try {
                    int count = Marshal.ReadInt32(groups);
                    for (int i = 0; i < count; i++) {
                        int at = IntPtr.Size + i * 2 * IntPtr.Size;
                        uint attributes = (uint)Marshal.ReadInt32(groups, at + IntPtr.Size);
                        if (SidText(Marshal.ReadIntPtr(groups, at)) != "S-1-5-32-544") continue;
                        p.AdministratorsDenyOnly = (attributes & SE_GROUP_USE_FOR_DENY_ONLY) != 0;
                        p.AdministratorsEnabled = (attributes & SE_GROUP_ENABLED) != 0 && !p.AdministratorsDenyOnly;
                    }
                } finally { Marshal.FreeHGlobal(groups); }

                // TOKEN_PRIVILEGES: a DWORD count, then LUID_AND_ATTRIBUTES {LUID, DWORD}, 12 bytes each
                IntPtr privileges = Query(token, TokenPrivileges, p);
                if (privileges == IntPtr.Zero) return;
                try {
                    int count = Marshal.ReadInt32(privileges);
                    for (int i = 0; i < count; i++) {
                        int at = 4 + i * 12;
                        LUID luid = new LUID();
                        luid.LowPart = (uint)Marshal.ReadInt32(privileges, at);
                        luid.HighPart = Marshal.ReadInt32(privileges, at + 4);
                        uint attributes = (uint)Marshal.ReadInt32(privileges, at + 8);
                        StringBuilder name = new StringBuilder(64);
                        int length = name.Capacity;
                        string text = LookupPrivilegeNameW(null, ref luid, name, ref length) ? name.ToString() : "LUID " + luid.LowPart;
                        if ((attributes & SE_PRIVILEGE_ENABLED) != 0) p.EnabledPrivileges.Add(text); else p.DisabledPrivileges.Add(text);
                    }
                } finally { Marshal.FreeHGlobal(privileges); }
                p.TokenError = 0;
            } finally {
                CloseHandle(token);
            }
        }

        static IntPtr Query(IntPtr token, int infoClass, ProcessProbe p) {
            int needed;
            GetTokenInformation(token, infoClass, IntPtr.Zero, 0, out needed);
            if (needed <= 0) {
                p.TokenError = LastError();
                return IntPtr.Zero;
            }
            IntPtr buffer = Marshal.AllocHGlobal(needed);
            if (!GetTokenInformation(token, infoClass, buffer, needed, out needed)) {
                p.TokenError = LastError();
                Marshal.FreeHGlobal(buffer);
                return IntPtr.Zero;
            }
            return buffer;
        }

        // a failed call that left no error code still counts as failed: TokenError 0 means the token was read
        static int LastError() {
            int e = Marshal.GetLastWin32Error();
            return e != 0 ? e : -1;
        }

        static string SidText(IntPtr sid) {
            IntPtr text;
            if (!ConvertSidToStringSidW(sid, out text)) return "?";
            try { return Marshal.PtrToStringUni(text); } finally { LocalFree(text); }
        }
    }
}
'@
}

# ---- tables (each mirrors a fact of the spec or of policies/; CaptureScriptTests checks them against the model) ----
# PS_PROTECTED_SIGNER names by value (spec section 1.2), as the catalogs spell protections
$SignerNames = @('None', 'Authenticode', 'CodeGen', 'Antimalware', 'Lsa', 'Windows', 'WinTcb', 'WinSystem', 'App')
# built-in trustlet IDs by image (spec section 7.3); a secure process not listed here is written as normal, and says so
$TrustletIds = @{ 'lsaiso.exe' = 1; 'vmsp.exe' = 2; 'bioiso.exe' = 4; 'fsiso.exe' = 5 }
# what each token preset of policies/tokens.yaml holds that the capture compares: integrity SID, SeDebugPrivilege
$PresetFacts = @{
    'system'          = @{ integrity = 'S-1-16-16384'; debug = 'enabled' }
    'local-service'   = @{ integrity = 'S-1-16-16384'; debug = 'absent' }
    'network-service' = @{ integrity = 'S-1-16-16384'; debug = 'absent' }
    'admin-elevated'  = @{ integrity = 'S-1-16-12288'; debug = 'enabled' }
    'admin-filtered'  = @{ integrity = 'S-1-16-8192'; debug = 'absent' }
    'standard-user'   = @{ integrity = 'S-1-16-8192'; debug = 'absent' }
}
# protection EKUs of spec section 6.1, named in the comments
$EkuNames = [ordered]@{
    '1.3.6.1.4.1.311.10.3.22' = 'PPL'; '1.3.6.1.4.1.311.10.3.24' = 'PP'; '1.3.6.1.4.1.311.10.3.23' = 'WinTcb'
    '1.3.6.1.4.1.311.10.3.6' = 'Windows'; '1.3.6.1.4.1.311.10.3.37' = 'IUM'; '1.3.6.1.4.1.311.76.11.1' = 'Antimalware'
}
$IntegrityNames = @{ '0' = 'Untrusted'; '4096' = 'Low'; '8192' = 'Medium'; '8448' = 'Medium Plus'; '12288' = 'High'; '16384' = 'System'; '20480' = 'Protected' }

if (-not $PresetFacts.ContainsKey($UnknownToken)) { throw "-UnknownToken '$UnknownToken' is not one of: $(@($PresetFacts.Keys | Sort-Object) -join ', ')" }

function Format-Protection([int]$byte) {
    $type = $byte -band 7
    $signer = $byte -shr 4
    $named = ($byte -band 8) -eq 0 -and $type -le 2 -and $signer -lt $SignerNames.Count -and (($type -eq 0) -eq ($signer -eq 0))
    if (-not $named) { return '"0x{0:X2}"' -f $byte }
    if ($type -eq 0) { return 'None' }
    if ($type -eq 1) { return $SignerNames[$signer] + '-Light' }
    return $SignerNames[$signer]
}

function Format-String([string]$text) {
    return '"' + ($text -replace '\\', '\\' -replace '"', '\"') + '"'
}

function Format-Error([int]$code) {
    return "error $code, " + (New-Object System.ComponentModel.Win32Exception $code).Message.TrimEnd('.')
}

$signers = @{}
function Get-Signer([string]$path) {
    if (-not $path -or -not [System.IO.Path]::IsPathRooted($path) -or -not (Test-Path -LiteralPath $path -PathType Leaf)) { return 'no image file' }
    if ($signers.ContainsKey($path)) { return $signers[$path] }
    try {
        $sig = Get-AuthenticodeSignature -LiteralPath $path
        if ($null -eq $sig.SignerCertificate) {
            $text = "not signed ($($sig.Status))"
        } else {
            $cn = $sig.SignerCertificate.GetNameInfo([System.Security.Cryptography.X509Certificates.X509NameType]::SimpleName, $false)
            $how = if ($sig.PSObject.Properties['SignatureType']) { ', ' + ([string]$sig.SignatureType).ToLowerInvariant() } else { '' }
            $ekus = @($sig.SignerCertificate.Extensions |
                Where-Object { $_ -is [System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension] } |
                ForEach-Object { $_.EnhancedKeyUsages } | ForEach-Object { $_.Value })
            $named = @($EkuNames.Keys | Where-Object { $ekus -contains $_ } | ForEach-Object { $EkuNames[$_] })
            $ekuText = if ($named.Count -gt 0) { "; EKUs $($named -join ' ')" } else { '; no protection EKU' }
            $text = "signer '$cn' ($($sig.Status)$how$ekuText)"
        }
    } catch {
        $text = "signature not read ($($_.Exception.Message))"
    }
    $signers[$path] = $text
    return $text
}

function Get-Preset($probe) {
    switch ($probe.UserSid) {
        'S-1-5-18' { return 'system' }
        'S-1-5-19' { return 'local-service' }
        'S-1-5-20' { return 'network-service' }
    }
    if ($probe.AdministratorsEnabled) { return 'admin-elevated' }
    if ($probe.AdministratorsDenyOnly) { return 'admin-filtered' }
    return 'standard-user'
}

function Get-DebugState($probe) {
    if ($probe.EnabledPrivileges -contains 'SeDebugPrivilege') { return 'enabled' }
    if ($probe.DisabledPrivileges -contains 'SeDebugPrivilege') { return 'held, disabled' }
    return 'absent'
}

# ---- the capture -----------------------------------------------------------------------------------------------------
$principal = New-Object System.Security.Principal.WindowsPrincipal ([System.Security.Principal.WindowsIdentity]::GetCurrent())
$elevated = $principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)
$debug = [PplsimCapture.Native]::EnablePrivilege('SeDebugPrivilege')
if (-not $elevated) { Write-Warning 'not elevated: processes of other accounts cannot be opened and are written unmeasured' }

$os = Get-CimInstance Win32_OperatingSystem
$osBuild = [int]$os.BuildNumber
if (-not $Build) {
    $Build = 'windows-10-11'
    $buildsFile = [System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'policies', 'windows-builds.yaml')
    $buildFrom = 'no policies/windows-builds.yaml beside this script: windows-10-11 assumed'
    if (Test-Path -LiteralPath $buildsFile) {
        $buildFrom = "no row of policies/windows-builds.yaml covers $osBuild`: windows-10-11 assumed"
        foreach ($row in Get-Content -LiteralPath $buildsFile) {
            if ($row -match 'from:\s*(\d+),\s*to:\s*(\d+),\s*build:\s*([A-Za-z0-9_.-]+)' -and $osBuild -ge [int]$Matches[1] -and $osBuild -le [int]$Matches[2]) {
                $Build = $Matches[3]
                $buildFrom = "policies/windows-builds.yaml row $($Matches[1])-$($Matches[2])"
                break
            }
        }
    }
} else {
    $buildFrom = 'given with -Build'
}
$runAsPpl = 'not set'
try {
    $lsa = Get-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Control\Lsa' -Name RunAsPPL -ErrorAction Stop
    $runAsPpl = [string]$lsa.RunAsPPL
} catch { }

$threadsByPid = @{}
foreach ($gp in Get-Process) { $threadsByPid[[string]$gp.Id] = @($gp.Threads | ForEach-Object { [long]$_.Id }) }
# creation order: the catalog's list order gives the sequence numbers the parent exemption compares (spec section 3.2)
$cim = @(Get-CimInstance Win32_Process | Where-Object { $_.ProcessId -ne 0 } |
    Sort-Object @{ Expression = { if ($_.CreationDate) { $_.CreationDate } else { [datetime]::MinValue } } }, @{ Expression = { [long]$_.ProcessId } })

$now = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture)
$body = New-Object System.Collections.Generic.List[string]
$seenThreads = @{}
$unopened = 0
foreach ($proc in $cim) {
    $procId = [long]$proc.ProcessId
    $original = [string]$proc.Name
    $image = $original -replace '[^A-Za-z0-9_. -]', '_'
    if ($image.Trim() -eq '') { $image = "pid$procId" }
    $tids = New-Object System.Collections.Generic.List[long]
    $dropped = 0
    if ($threadsByPid.ContainsKey([string]$procId)) {
        foreach ($t in $threadsByPid[[string]$procId]) {
            # a thread id can be reused between Get-Process and this loop; the catalog needs each once
            if ($seenThreads.ContainsKey([string]$t)) { $dropped++ } else { $seenThreads[[string]$t] = $true; $tids.Add($t) }
        }
    }
    $probe = [PplsimCapture.Native]::Probe([uint32]$procId)
    $notes = New-Object System.Collections.Generic.List[string]
    if ($image -ne $original) { $notes.Add("image name '$original' spelled with _ for the characters the catalog does not allow") }
    if ($dropped -gt 0) { $notes.Add("$dropped thread ids left out: listed for another process too (reused)") }
    $kind = 'normal'
    $trustletId = $null
    if ($probe.OpenError -ne 0) {
        $unopened++
        $protection = 'None'
        $token = $UnknownToken
        $confidence = "not measured: OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION) failed ($(Format-Error $probe.OpenError)); written as None"
        $what = "not opened ($(Format-Error $probe.OpenError)): protection, kind and token not measured, written as None, normal and $UnknownToken"
    } else {
        $file = if ($probe.ImagePath) { "$($probe.ImagePath); $(Get-Signer $probe.ImagePath)" } else { "no image file (QueryFullProcessImageName: $(Format-Error $probe.ImagePathError))" }
        if ($probe.Protection -ge 0) {
            $protection = Format-Protection $probe.Protection
            $confidence = 'measured: PS_PROTECTION 0x{0:X2} (NtQueryInformationProcess class 61)' -f $probe.Protection
        } else {
            $protection = 'None'
            $confidence = 'not measured: NtQueryInformationProcess class 61 returned 0x{0:X8}; written as None' -f $probe.ProtectionStatus
        }
        if ($probe.BasicStatus -lt 0) {
            $kindWhy = 'kind not measured (ProcessBasicInformation 0x{0:X8})' -f $probe.BasicStatus
        } elseif ($probe.IsSubsystem) {
            $kind = 'pico'; $kindWhy = 'kind pico (IsSubsystemProcess)'
        } elseif ($probe.PebIsNull) {
            $kind = 'minimal'; $kindWhy = 'kind minimal (no PEB)'
        } elseif ($probe.IsSecure) {
            $key = $original.ToLowerInvariant()
            if ($TrustletIds.ContainsKey($key)) {
                $kind = 'trustlet'; $trustletId = $TrustletIds[$key]; $kindWhy = "kind trustlet (IsSecureProcess; trustletId $trustletId by image name, spec $($sect)7.3)"
            } else {
                $kindWhy = 'a secure process (IsSecureProcess) whose trustlet ID this script does not know: written as normal; give kind: trustlet and its trustletId by hand'
            }
        } elseif ($probe.PackageFullName) {
            $kind = 'packaged'; $kindWhy = "kind packaged ($($probe.PackageFullName))"
        } else {
            $kindWhy = 'kind normal'
        }
        if ($probe.TokenError -ne 0) {
            $token = $UnknownToken
            $tokenWhy = "token not read ($(Format-Error $probe.TokenError)) -> $UnknownToken"
        } else {
            $token = Get-Preset $probe
            $rid = ($probe.IntegritySid -split '-')[-1]
            $il = if ($IntegrityNames.ContainsKey($rid)) { $IntegrityNames[$rid] } else { "RID $rid" }
            $admins = if ($probe.AdministratorsEnabled) { 'Administrators enabled' } elseif ($probe.AdministratorsDenyOnly) { 'Administrators deny-only' } else { 'no Administrators' }
            $debugState = Get-DebugState $probe
            $held = $probe.EnabledPrivileges.Count + $probe.DisabledPrivileges.Count
            $tokenWhy = "token user $($probe.UserSid), integrity $il, $admins, $held privileges ($($probe.EnabledPrivileges.Count) enabled; SeDebugPrivilege $debugState) -> $token"
            $differs = @()
            if ($probe.IntegritySid -ne $PresetFacts[$token].integrity) { $differs += "integrity $il" }
            if (($debugState -eq 'enabled') -ne ($PresetFacts[$token].debug -eq 'enabled')) { $differs += "SeDebugPrivilege $debugState, the preset's $($PresetFacts[$token].debug)" }
            if ($differs.Count -gt 0) { $tokenWhy += " (differs from the preset: $($differs -join '; '))" }
        }
        $what = "$file; $tokenWhy; $kindWhy"
    }
    foreach ($n in $notes) { $what += "; $n" }
    $body.Add("  # $original $procId`: $what")

    # the catalog's process fields (SystemCatalog.Process), in the order the shipped catalogs give them
    $entry = [ordered]@{}
    $entry['image'] = Format-String $image
    $entry['pid'] = [string]$procId
    $entry['parent'] = [string][long]$proc.ParentProcessId
    $entry['protection'] = $protection
    $entry['token'] = $token
    $entry['threads'] = '[' + ($tids -join ', ') + ']'
    $entry['session'] = [string][long]$proc.SessionId
    $entry['confidence'] = Format-String $confidence
    if ($kind -ne 'normal') { $entry['kind'] = $kind }
    if ($null -ne $trustletId) { $entry['trustletId'] = [string]$trustletId }
    $body.Add('  - {' + (($entry.GetEnumerator() | ForEach-Object { $_.Key + ': ' + $_.Value }) -join ', ') + '}')
}

# the catalog's top-level fields (SystemCatalog)
$top = [ordered]@{}
$top['name'] = Format-String $Name
$top['description'] = Format-String "Captured from $env:COMPUTERNAME ($($os.Caption) $($os.Version)) at $now by tools/windows/capture-system.ps1: $($cim.Count) processes, $unopened not opened"
$top['build'] = $Build
$top['cite'] = Format-String "measured on $env:COMPUTERNAME at $now (PS_PROTECTION by NtQueryInformationProcess class 61, spec $($sect)1.1, $($sect)1.4)"

$lines = New-Object System.Collections.Generic.List[string]
$lines.Add("# pplsim system catalog written by tools/windows/capture-system.ps1 on $env:COMPUTERNAME at $now.")
$lines.Add("# Windows $($os.Version) ($($os.Caption)); elevated: $elevated; SeDebugPrivilege enabled for the capture: $debug; LSA RunAsPPL: $runAsPpl.")
$lines.Add("# build $Build`: $buildFrom. Processes in creation order; each comment says what was measured and how it maps")
$lines.Add('# to the fields (image path, Authenticode signer and EKUs, token user / integrity / privileges -> token preset, kind).')
$lines.Add('# Not captured: sd (the defaults of policies/security-descriptors.yaml apply) and disallowUserTerminate.')
foreach ($k in $top.Keys) { $lines.Add("$k`: $($top[$k])") }
$lines.Add('processes:')
$lines.AddRange($body)

$full = [System.IO.Path]::GetFullPath($OutFile)
$part = "$full.part"
[System.IO.File]::WriteAllText($part, (($lines -join "`n") + "`n"), (New-Object System.Text.UTF8Encoding $false))
if (Test-Path -LiteralPath $full) { [System.IO.File]::Replace($part, $full, $null) } else { [System.IO.File]::Move($part, $full) }
[Console]::Error.WriteLine("capture-system: wrote $full ($($cim.Count) processes, $unopened not opened)")
