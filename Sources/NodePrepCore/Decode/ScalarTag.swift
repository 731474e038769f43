/// The YAML 1.1 types a scalar can have, by the tags that name them: what ``PlainScalarTag`` gives
/// an untagged plain scalar, and what an explicit `!!int` or `!!str` says.
enum ScalarTag: String, Sendable {
    case str = "tag:yaml.org,2002:str"
    case null = "tag:yaml.org,2002:null"
    case bool = "tag:yaml.org,2002:bool"
    case int = "tag:yaml.org,2002:int"
    case float = "tag:yaml.org,2002:float"
    case timestamp = "tag:yaml.org,2002:timestamp"
    /// `<<`, the merge key.
    case merge = "tag:yaml.org,2002:merge"
    /// `=`, the value key.
    case value = "tag:yaml.org,2002:value"
}
