namespace Entente.Modules.Summits.Domain;

/// <summary>Who meets: the level sets who leads each delegation and how far ahead the meeting is planned.</summary>
public enum MeetingLevel
{
    Leaders,
    Ministers,
    ChiefsOfDefence,
    SeniorOfficials,
    WorkingGroup,
}

/// <summary>How the meeting is held.</summary>
public enum MeetingFormat
{
    InPerson,
    Online,
    Hybrid,
}

/// <summary>Where a meeting stands; a cancelled meeting stays in the calendar, marked cancelled.</summary>
public enum MeetingStatus
{
    Planned,
    Held,
    Cancelled,
}

/// <summary>How a delegation attends.</summary>
public enum AttendanceMode
{
    InPerson,
    Remote,
}

/// <summary>What an agenda item decides: a typed reference to a record of another module, never its type.</summary>
public enum AgendaLinkKind
{
    Proposal,
    Requirement,
    Pledge,
    Other,
}
