//! Makes a Piper model's random numbers repeatable.
//!
//! Piper's VITS graph draws its noise with `RandomNormalLike` nodes that carry no `seed`
//! attribute, so every inference differs and the same sentence never gives the same bytes
//! twice. Here the ONNX protobuf is rewritten in memory to give each random node a fixed
//! seed: a sentence then always sounds the same, whichever worker, shard or machine speaks
//! it. Only the few bytes of those nodes change; the weights are copied as they are.

use anyhow::{bail, Result};

/// Operators that draw random numbers.
const RANDOM_OPS: &[&[u8]] = &[
    b"RandomNormalLike",
    b"RandomUniformLike",
    b"RandomNormal",
    b"RandomUniform",
];

fn read_varint(b: &[u8], i: &mut usize) -> Result<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let Some(&byte) = b.get(*i) else {
            bail!("the model file ends inside a number (truncated?)");
        };
        *i += 1;
        v |= u64::from(byte & 0x7F) << shift;
        if byte & 0x80 == 0 {
            return Ok(v);
        }
    }
    bail!("the model file holds an overlong number")
}

fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// One field of a protobuf message: its number, and its bytes as written (tag included);
/// for length-delimited fields also the range of the payload.
struct Field {
    number: u64,
    raw: std::ops::Range<usize>,
    payload: Option<std::ops::Range<usize>>,
}

fn fields(b: &[u8]) -> Result<Vec<Field>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let tag = read_varint(b, &mut i)?;
        let payload = match tag & 7 {
            0 => {
                read_varint(b, &mut i)?;
                None
            }
            1 => {
                i += 8;
                None
            }
            2 => {
                let len = read_varint(b, &mut i)? as usize;
                let p = i..i
                    .checked_add(len)
                    .filter(|&e| e <= b.len())
                    .ok_or_else(|| {
                        anyhow::anyhow!("the model file ends inside a field (truncated?)")
                    })?;
                i = p.end;
                Some(p)
            }
            5 => {
                i += 4;
                None
            }
            w => bail!("the model file has a field of unknown wire type {w}: not an ONNX model"),
        };
        if i > b.len() {
            bail!("the model file ends inside a field (truncated?)");
        }
        out.push(Field {
            number: tag >> 3,
            raw: start..i,
            payload,
        });
    }
    Ok(out)
}

fn put_bytes_field(out: &mut Vec<u8>, number: u64, payload: &[u8]) {
    write_varint(out, (number << 3) | 2);
    write_varint(out, payload.len() as u64);
    out.extend_from_slice(payload);
}

/// `AttributeProto { name: "seed", f: seed, type: FLOAT }`.
fn seed_attribute(seed: f32) -> Vec<u8> {
    let mut a = Vec::new();
    put_bytes_field(&mut a, 1, b"seed");
    a.push((2 << 3) | 5);
    a.extend_from_slice(&seed.to_le_bytes());
    write_varint(&mut a, 20 << 3);
    write_varint(&mut a, 1);
    a
}

/// A node with a seed added if it is a random operator without one.
fn seeded_node(node: &[u8], next_seed: &mut f32) -> Result<Option<Vec<u8>>> {
    let fs = fields(node)?;
    let op = fs
        .iter()
        .find(|f| f.number == 4)
        .and_then(|f| f.payload.clone())
        .map(|p| &node[p]);
    if !op.is_some_and(|op| RANDOM_OPS.contains(&op)) {
        return Ok(None);
    }
    for f in fs.iter().filter(|f| f.number == 5) {
        let Some(p) = f.payload.clone() else { continue };
        let attr = &node[p];
        let named_seed = fields(attr)?
            .iter()
            .any(|a| a.number == 1 && a.payload.clone().is_some_and(|n| &attr[n] == b"seed"));
        if named_seed {
            return Ok(None);
        }
    }
    let mut out = node.to_vec();
    put_bytes_field(&mut out, 5, &seed_attribute(*next_seed));
    *next_seed += 1.0;
    Ok(Some(out))
}

/// The model with every unseeded random node given a fixed seed (1, 2, 3 … in graph
/// order); `None` when there was nothing to change.
pub fn seed_random_nodes(model: &[u8]) -> Result<Option<Vec<u8>>> {
    let mut next_seed = 1.0f32;
    let top = fields(model)?;
    let mut out = Vec::with_capacity(model.len() + 256);
    let mut changed = false;
    for f in &top {
        // ModelProto.graph = 7.
        let (7, Some(graph)) = (f.number, f.payload.clone()) else {
            out.extend_from_slice(&model[f.raw.clone()]);
            continue;
        };
        let g = &model[graph];
        let mut new_graph = Vec::with_capacity(g.len() + 256);
        for gf in fields(g)? {
            // GraphProto.node = 1.
            match (gf.number, gf.payload.clone()) {
                (1, Some(p)) => match seeded_node(&g[p], &mut next_seed)? {
                    Some(node) => {
                        put_bytes_field(&mut new_graph, 1, &node);
                        changed = true;
                    }
                    None => new_graph.extend_from_slice(&g[gf.raw.clone()]),
                },
                _ => new_graph.extend_from_slice(&g[gf.raw.clone()]),
            }
        }
        put_bytes_field(&mut out, 7, &new_graph);
    }
    Ok(changed.then_some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(op: &str, attrs: &[Vec<u8>]) -> Vec<u8> {
        let mut n = Vec::new();
        put_bytes_field(&mut n, 1, b"x");
        put_bytes_field(&mut n, 2, b"y");
        put_bytes_field(&mut n, 4, op.as_bytes());
        for a in attrs {
            put_bytes_field(&mut n, 5, a);
        }
        n
    }

    fn model(nodes: &[Vec<u8>]) -> Vec<u8> {
        let mut g = Vec::new();
        for n in nodes {
            put_bytes_field(&mut g, 1, n);
        }
        put_bytes_field(&mut g, 2, b"graph-name");
        let mut m = Vec::new();
        write_varint(&mut m, 1 << 3); // ir_version = 8
        write_varint(&mut m, 8);
        put_bytes_field(&mut m, 7, &g);
        put_bytes_field(&mut m, 8, b"opset");
        m
    }

    #[test]
    fn random_nodes_get_seeds_and_everything_else_stays() {
        let already = seed_attribute(42.0);
        let m = model(&[
            node("Add", &[]),
            node("RandomNormalLike", &[]),
            node("RandomNormalLike", std::slice::from_ref(&already)),
            node("RandomUniformLike", &[]),
        ]);
        let out = seed_random_nodes(&m).unwrap().unwrap();
        let expected = model(&[
            node("Add", &[]),
            node("RandomNormalLike", &[seed_attribute(1.0)]),
            node("RandomNormalLike", &[already]),
            node("RandomUniformLike", &[seed_attribute(2.0)]),
        ]);
        assert_eq!(out, expected);
        assert!(seed_random_nodes(&model(&[node("Add", &[])]))
            .unwrap()
            .is_none());
        assert!(
            seed_random_nodes(&m[..m.len() - 3]).is_err(),
            "a truncated model is refused"
        );
    }
}
