output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "IPv4 CIDR of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "availability_zones" {
  description = "Availability zones used, in subnet order."
  value       = local.azs
}

output "public_subnet_ids" {
  description = "Public subnet IDs (ALB, NAT gateways), one per availability zone."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "Private subnet IDs (every instance), one per availability zone."
  value       = aws_subnet.private[*].id
}

output "private_subnet_cidrs" {
  description = "Private subnet CIDRs, in the order of private_subnet_ids."
  value       = local.private_subnet_cidrs
}

output "static_ip_cidrs" {
  description = "Explicitly reserved block at the end of each private subnet (same order): take fixed instance addresses from here, EC2 never hands them out."
  value       = aws_ec2_subnet_cidr_reservation.static[*].cidr_block
}

output "nat_public_ips" {
  description = "Public IPs of the NAT gateways (the fleet's outbound address, e.g. for allow-lists)."
  value       = aws_eip.nat[*].public_ip
}
