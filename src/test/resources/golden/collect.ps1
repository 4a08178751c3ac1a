<#
.SYNOPSIS
  Collects a Lync Server / Skype for Business Server deployment's state into the inventory folder
  that `cutover assess`, `cutover lab import` and `cutover rehearse --from` read.

.DESCRIPTION
  Run it in the Skype for Business Server (or Lync Server) Management Shell, on a Front End
  server, as a member of CsViewOnlyAdministrator or higher:

      .\collect.ps1 -Path C:\cutover\inventory

  It is read-only: it calls Get-Cs* cmdlets only and writes nothing but the files of -Path.
  Every CSV is written by Export-Csv -NoTypeInformation -Encoding UTF8. A server or query that
  does not answer is recorded in unanswered.csv and skipped; the collection goes on.

  What it cannot collect: scheduled meetings (meetings.csv) and the client each user signs in
  with (clients.csv) are not exposed by any read-only cmdlet; both files are written with their
  header only. Feature usage (usage.csv) lists Persistent Chat room members and users whose
  effective external access policy allows XMPP. Backup pairings of registrar pools go to
  pairings.csv where the shell has Get-CsPoolBackupRelationship (Lync Server 2013 and later).
#>
param(
    [Parameter(Mandatory = $true)]
    [string] $Path
)

$ErrorActionPreference = 'Stop'
# Property names in lists are quoted: the same to PowerShell, and readable by stricter parsers.
$null = [System.IO.Directory]::CreateDirectory($Path)
$unanswered = [System.Collections.ArrayList]::new()

# Export-Csv writes nothing at all for no rows; the header alone keeps the file readable.
function Write-Inventory([string] $File, [string[]] $Columns, $Rows) {
    $target = Join-Path $Path $File
    $list = @($Rows)
    if ($list.Count -eq 0) {
        $header = '"' + ($Columns -join '","') + '"' + "`r`n"
        [System.IO.File]::WriteAllText($target, $header, [System.Text.Encoding]::UTF8)
    } else {
        $list | Select-Object -Property $Columns | Export-Csv -Path $target -NoTypeInformation -Encoding UTF8
    }
}

function Add-Unanswered([string] $Computer, [string] $Source, $Failure) {
    $null = $unanswered.Add([pscustomobject]@{ ComputerName = $Computer; Source = $Source; Error = "$Failure" })
    Write-Warning "$Computer did not answer $Source ($Failure); recorded in unanswered.csv and skipped"
}

# The pool part of "UserServer:pool01.contoso.com", "service:ApplicationServer:pool01.contoso.com".
function Get-PoolOf([string] $Service) {
    if ([string]::IsNullOrEmpty($Service)) { return '' }
    return $Service.Substring($Service.LastIndexOf(':') + 1)
}

# ---- topology.xml ----------------------------------------------------------------------------
[System.IO.File]::WriteAllText((Join-Path $Path 'topology.xml'), (Get-CsTopology -AsXml).ToString(), [System.Text.Encoding]::UTF8)

# ---- sites.csv -------------------------------------------------------------------------------
$sites = @(Get-CsSite)
Write-Inventory 'sites.csv' -Columns @('Identity', 'SiteId', 'DisplayName', 'SiteType', 'FederationRoute', 'XmppFederationRoute', 'DefaultPersistentChatPool', 'Pools') -Rows (
    $sites | Select-Object @{n = 'Identity'; e = { "$($_.Identity)" } }, 'SiteId', 'DisplayName', @{n = 'SiteType'; e = { "$($_.SiteType)" } },
        @{n = 'FederationRoute'; e = { "$($_.FederationRoute)" } }, @{n = 'XmppFederationRoute'; e = { "$($_.XmppFederationRoute)" } },
        @{n = 'DefaultPersistentChatPool'; e = { "$($_.DefaultPersistentChatPool)" } }, @{n = 'Pools'; e = { $_.Pools -join ';' } })

# ---- users.csv -------------------------------------------------------------------------------
$users = @(Get-CsUser -ResultSize Unlimited)
Write-Inventory 'users.csv' -Columns @('SipAddress', 'DisplayName', 'UserPrincipalName', 'RegistrarPool', 'Enabled', 'EnterpriseVoiceEnabled', 'LineURI', 'ConferencingPolicy', 'ClientPolicy', 'ClientVersionPolicy', 'VoicePolicy', 'ExternalAccessPolicy', 'PersistentChatPolicy', 'MobilityPolicy', 'ArchivingPolicy', 'PinPolicy', 'DialPlan', 'LocationPolicy', 'HostingProvider') -Rows (
    $users | Select-Object 'SipAddress', 'DisplayName', 'UserPrincipalName', @{n = 'RegistrarPool'; e = { "$($_.RegistrarPool)" } }, 'Enabled',
        'EnterpriseVoiceEnabled', 'LineURI', @{n = 'ConferencingPolicy'; e = { "$($_.ConferencingPolicy)" } },
        @{n = 'ClientPolicy'; e = { "$($_.ClientPolicy)" } }, @{n = 'ClientVersionPolicy'; e = { "$($_.ClientVersionPolicy)" } },
        @{n = 'VoicePolicy'; e = { "$($_.VoicePolicy)" } }, @{n = 'ExternalAccessPolicy'; e = { "$($_.ExternalAccessPolicy)" } },
        @{n = 'PersistentChatPolicy'; e = { "$($_.PersistentChatPolicy)" } }, @{n = 'MobilityPolicy'; e = { "$($_.MobilityPolicy)" } },
        @{n = 'ArchivingPolicy'; e = { "$($_.ArchivingPolicy)" } }, @{n = 'PinPolicy'; e = { "$($_.PinPolicy)" } },
        @{n = 'DialPlan'; e = { "$($_.DialPlan)" } }, @{n = 'LocationPolicy'; e = { "$($_.LocationPolicy)" } },
        @{n = 'HostingProvider'; e = { "$($_.HostingProvider)" } })

# ---- objects.csv -----------------------------------------------------------------------------
# Meeting rooms came with Lync Server 2013, third-party video systems with Skype for Business Server
# 2015: each is read only where the shell has its cmdlet. Get-CsRgsConfiguration reads one
# Application Server's Response Group configuration at a time.
$objects = [System.Collections.ArrayList]::new()
function Add-Objects([string] $Kind, [scriptblock] $Query, [scriptblock] $Row) {
    try {
        foreach ($o in @(& $Query)) {
            $null = $objects.Add((& $Row $o))
        }
    } catch {
        Add-Unanswered '(topology)' $Kind $_.Exception.Message
    }
}
function Get-ContactRow([string] $Kind, $o) {
    [pscustomobject]@{ Kind = $Kind; Identity = "$($o.Identity)"; SipAddress = "$($o.SipAddress)"; DisplayName = "$($o.DisplayName)"; RegistrarPool = "$($o.RegistrarPool)"; LineURI = "$($o.LineURI)" }
}
Add-Objects 'CommonAreaPhone' { Get-CsCommonAreaPhone } { param($o) Get-ContactRow 'CommonAreaPhone' $o }
Add-Objects 'AnalogDevice' { Get-CsAnalogDevice } { param($o) Get-ContactRow 'AnalogDevice' $o }
Add-Objects 'ExUmContact' { Get-CsExUmContact } { param($o) Get-ContactRow 'ExUmContact' $o }
Add-Objects 'MeetingRoom' { if (Get-Command -Name Get-CsMeetingRoom -ErrorAction SilentlyContinue) { Get-CsMeetingRoom } } { param($o) Get-ContactRow 'MeetingRoom' $o }
Add-Objects 'ThirdPartyVideoSystem' { if (Get-Command -Name Get-CsThirdPartyVideoSystem -ErrorAction SilentlyContinue) { Get-CsThirdPartyVideoSystem } } { param($o) Get-ContactRow 'ThirdPartyVideoSystem' $o }
Add-Objects 'ApplicationEndpoint' { Get-CsTrustedApplicationEndpoint } { param($o)
    [pscustomobject]@{ Kind = 'ApplicationEndpoint'; Identity = "$($o.SipAddress)"; SipAddress = "$($o.SipAddress)"; DisplayName = "$($o.DisplayName)"; RegistrarPool = "$($o.RegistrarPool)"; LineURI = "$($o.LineURI)" } }
Add-Objects 'DialInAccessNumber' { Get-CsDialInConferencingAccessNumber } { param($o)
    [pscustomobject]@{ Kind = 'DialInAccessNumber'; Identity = "$($o.PrimaryUri)"; SipAddress = "$($o.PrimaryUri)"; DisplayName = "$($o.DisplayName)"; RegistrarPool = "$($o.Pool)"; LineURI = "$($o.LineURI)" } }
Add-Objects 'RgsContact' { Get-CsRgsWorkflow } { param($o)
    [pscustomobject]@{ Kind = 'RgsContact'; Identity = "$($o.PrimaryUri)"; SipAddress = "$($o.PrimaryUri)"; DisplayName = "$($o.Name)"; RegistrarPool = (Get-PoolOf "$($o.OwnerPool)"); LineURI = "$($o.LineUri)" } }
Add-Objects 'ConferenceDirectory' { Get-CsConferenceDirectory } { param($o)
    [pscustomobject]@{ Kind = 'ConferenceDirectory'; Identity = "$($o.Identity)"; SipAddress = ''; DisplayName = ''; RegistrarPool = (Get-PoolOf "$($o.ServiceId)"); LineURI = '' } }
Add-Objects 'CallParkOrbit' { Get-CsCallParkOrbit } { param($o)
    [pscustomobject]@{ Kind = 'CallParkOrbit'; Identity = "$($o.Identity)"; SipAddress = ''; DisplayName = "$($o.Identity)"; RegistrarPool = (Get-PoolOf "$($o.CallParkService)"); LineURI = '' } }
Add-Objects 'RgsConfiguration' { foreach ($service in @(Get-CsService -ApplicationServer)) { Get-CsRgsConfiguration -Identity "service:$($service.Identity)" } } { param($o)
    [pscustomobject]@{ Kind = 'RgsConfiguration'; Identity = "$($o.Identity)"; SipAddress = ''; DisplayName = ''; RegistrarPool = (Get-PoolOf "$($o.Identity)"); LineURI = '' } }
Write-Inventory 'objects.csv' -Columns @('Kind', 'Identity', 'SipAddress', 'DisplayName', 'RegistrarPool', 'LineURI') -Rows $objects

# ---- services.csv: every server of every pool, one at a time -----------------------------------
$services = [System.Collections.ArrayList]::new()
foreach ($pool in @(Get-CsPool)) {
    foreach ($computer in @($pool.Computers)) {
        try {
            foreach ($s in @(Get-CsWindowsService -ComputerName $computer)) {
                $null = $services.Add([pscustomobject]@{ ComputerName = "$computer"; Name = "$($s.Name)"; DisplayName = "$($s.DisplayName)"; Status = "$($s.Status)"; ActivityLevel = "$($s.ActivityLevel)" })
            }
        } catch {
            Add-Unanswered "$computer" 'Get-CsWindowsService' $_.Exception.Message
        }
    }
}
Write-Inventory 'services.csv' -Columns @('ComputerName', 'Name', 'DisplayName', 'Status', 'ActivityLevel') -Rows $services

# ---- pairings.csv: backup registrar pools ---------------------------------------------------------
# Topology Builder pairs pools; the published topology.xml does not always say so, so each registrar
# pool is asked. Get-CsPoolBackupRelationship came with Lync Server 2013 and answers for one pool at a
# time; the reference does not name the property holding the backup pool, so the first property
# whose name starts with Backup and whose value is an FQDN (or "Registrar:<fqdn>") is taken.
# Branch appliances' and Directors' associations are in topology.xml (each service's DependsOn).
$pairings = [System.Collections.ArrayList]::new()
if (Get-Command -Name Get-CsPoolBackupRelationship -ErrorAction SilentlyContinue) {
    foreach ($pool in @(Get-CsPool | Where-Object { @(@($_.Services) -like 'Registrar:*').Count -gt 0 })) {
        try {
            foreach ($relation in @(Get-CsPoolBackupRelationship -PoolFqdn "$($pool.Fqdn)")) {
                $backup = @($relation.PSObject.Properties | Where-Object { $_.Name -like 'Backup*' -and "$($_.Value)" -like '*.*' })
                if ($backup.Count -gt 0) {
                    $null = $pairings.Add([pscustomobject]@{ PoolFqdn = "$($pool.Fqdn)"; BackupPoolFqdn = (Get-PoolOf "$($backup[0].Value)") })
                }
            }
        } catch {
            Add-Unanswered '(pairings)' "Get-CsPoolBackupRelationship $($pool.Fqdn)" $_.Exception.Message
        }
    }
}
Write-Inventory 'pairings.csv' -Columns @('PoolFqdn', 'BackupPoolFqdn') -Rows $pairings

# ---- versions.csv: what this server says it runs (Subscription Edition shares 2019's build line) ----
# The version cmdlet prints "Skype for Business Server 2019 (7.0.2046.0): ..." and the patch
# version cmdlet (2015 and later) one row per installed component, both for the server they run
# on only: run the script on a server of each pool (to the same -Path) and every pool gets its rows.
$versions = [System.Collections.ArrayList]::new()
$here = [System.Net.Dns]::GetHostEntry($env:COMPUTERNAME).HostName
try {
    $product = ''; $build = ''
    if ("$(Get-CsServerVersion)" -match '^\s*(.+?)\s*\(([0-9.]+)\)') { $product = $Matches[1]; $build = $Matches[2] }
    $null = $versions.Add([pscustomobject]@{ ComputerName = "$here"; Product = $product; Version = $build; Source = 'Get-CsServerVersion' })
    foreach ($patch in @(if (Get-Command -Name Get-CsServerPatchVersion -ErrorAction SilentlyContinue) { Get-CsServerPatchVersion })) {
        $null = $versions.Add([pscustomobject]@{ ComputerName = "$here"; Product = "$($patch.ComponentName)"; Version = "$($patch.Version)"; Source = 'Get-CsServerPatchVersion' })
    }
} catch {
    Add-Unanswered "$here" 'Get-CsServerVersion' $_.Exception.Message
}
$previous = Join-Path $Path 'versions.csv'
if (Test-Path $previous) { foreach ($row in @(Get-Content -Path $previous -Encoding UTF8 | ConvertFrom-Csv)) { if ("$($row.ComputerName)" -ne "$here") { $null = $versions.Add($row) } } }
Write-Inventory 'versions.csv' -Columns @('ComputerName', 'Product', 'Version', 'Source') -Rows $versions

# ---- replication.csv -------------------------------------------------------------------------
$replicas = @()
try {
    $replicas = @(Get-CsManagementStoreReplicationStatus)
} catch {
    Add-Unanswered '(central management store)' 'Get-CsManagementStoreReplicationStatus' $_.Exception.Message
}
Write-Inventory 'replication.csv' -Columns @('ReplicaFqdn', 'UpToDate', 'LastStatusReport', 'LastUpdateCreation', 'ProductVersion') -Rows (
    $replicas | Select-Object 'ReplicaFqdn', 'UpToDate', @{n = 'LastStatusReport'; e = { if ($_.LastStatusReport) { $_.LastStatusReport.ToUniversalTime().ToString('o') } } },
        @{n = 'LastUpdateCreation'; e = { if ($_.LastUpdateCreation) { $_.LastUpdateCreation.ToUniversalTime().ToString('o') } } }, 'ProductVersion')

# ---- usage.csv -------------------------------------------------------------------------------
# Persistent Chat came with Lync Server 2013.
$usage = [System.Collections.ArrayList]::new()
try {
    foreach ($room in @(if (Get-Command -Name Get-CsPersistentChatRoom -ErrorAction SilentlyContinue) { Get-CsPersistentChatRoom })) {
        foreach ($member in @($room.Members)) {
            if ("$member" -like 'sip:*') {
                $null = $usage.Add([pscustomobject]@{ SipAddress = "$member"; Feature = 'PersistentChat'; Detail = "$($room.Name)" })
            }
        }
    }
} catch {
    Add-Unanswered '(persistent chat)' 'Get-CsPersistentChatRoom' $_.Exception.Message
}
try {
    $xmppPolicies = @{}
    foreach ($p in @(Get-CsExternalAccessPolicy)) { $xmppPolicies["$($p.Identity)"] = [bool] $p.EnableXmppAccess }
    $siteOfPool = @{}
    foreach ($pool in @(Get-CsPool)) { $siteOfPool["$($pool.Fqdn)"] = "$($pool.Site)" }
    foreach ($u in $users) {
        $assigned = "$($u.ExternalAccessPolicy)"
        $siteScope = 'Site:' + ("$($siteOfPool["$($u.RegistrarPool)"])" -replace '^Site:', '')
        $identity = if ($assigned) { if ($assigned -like 'Tag:*') { $assigned } else { "Tag:$assigned" } } elseif ($xmppPolicies.ContainsKey($siteScope)) { $siteScope } else { 'Global' }
        if ($xmppPolicies[$identity]) {
            $null = $usage.Add([pscustomobject]@{ SipAddress = "$($u.SipAddress)"; Feature = 'Xmpp'; Detail = $identity })
        }
    }
} catch {
    Add-Unanswered '(policies)' 'Get-CsExternalAccessPolicy' $_.Exception.Message
}
Write-Inventory 'usage.csv' -Columns @('SipAddress', 'Feature', 'Detail') -Rows $usage

# ---- meetings.csv, clients.csv: no read-only cmdlet lists them -----------------------------------
Write-Inventory 'meetings.csv' -Columns @('Organizer', 'ConferenceId', 'Pool', 'CreatedUtc', 'ClientVersion') -Rows @()
Write-Inventory 'clients.csv' -Columns @('SipAddress', 'ClientVersion', 'LastSignInUtc') -Rows @()

# ---- policies.csv: global and site policies, for effective policies ------------------------------
$policies = [System.Collections.ArrayList]::new()
$kinds = [ordered]@{
    Conferencing = { Get-CsConferencingPolicy }; Client = { Get-CsClientPolicy }; ClientVersion = { Get-CsClientVersionPolicy }
    Voice = { Get-CsVoicePolicy }; ExternalAccess = { Get-CsExternalAccessPolicy }; PersistentChat = { if (Get-Command -Name Get-CsPersistentChatPolicy -ErrorAction SilentlyContinue) { Get-CsPersistentChatPolicy } }
    Mobility = { Get-CsMobilityPolicy }; Archiving = { Get-CsArchivingPolicy }; Pin = { Get-CsPinPolicy }
    DialPlan = { Get-CsDialPlan }; Location = { Get-CsLocationPolicy }
}
foreach ($kind in $kinds.Keys) {
    try {
        foreach ($p in @(& $kinds[$kind])) {
            $id = "$($p.Identity)"
            if ($id -eq 'Global' -or $id -like 'Site:*') {
                $null = $policies.Add([pscustomobject]@{ Kind = $kind; Scope = $id; Name = $id })
            }
        }
    } catch {
        Add-Unanswered '(policies)' "$kind policies" $_.Exception.Message
    }
}
Write-Inventory 'policies.csv' -Columns @('Kind', 'Scope', 'Name') -Rows $policies

# ---- partners.csv: federated partner domains -----------------------------------------------------
$partners = @()
try {
    $partners = @(Get-CsAllowedDomain | Select-Object @{n = 'Domain'; e = { "$($_.Domain)" } })
} catch {
    Add-Unanswered '(federation)' 'Get-CsAllowedDomain' $_.Exception.Message
}
Write-Inventory 'partners.csv' -Columns @('Domain') -Rows $partners

# ---- unanswered.csv: what was recorded and skipped -----------------------------------------------
Write-Inventory 'unanswered.csv' -Columns @('ComputerName', 'Source', 'Error') -Rows $unanswered
Write-Output "inventory written to $Path ($($users.Count) users, $($objects.Count) objects, $($unanswered.Count) unanswered)"
